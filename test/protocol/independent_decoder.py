#!/usr/bin/env python3
"""Independent decoder of the Pijat wire protocol, written from shared/protocol/PROTOCOL.md
alone (standard library only), to check that the document is enough and that the TypeScript
decoder follows it.

Usage: python3 independent_decoder.py CAPTURE_FILE
Prints one JSON object: the section 4 counters, the number of delivered messages per type,
the t_s of the last delivered device message, the sum of all raw sample values, and the
channel names of the last descriptor.
"""
import json
import struct
import sys
import zlib

SYNC = 0xA5
T_DESCRIPTOR, T_SAMPLE, T_STATUS, T_COMMAND, T_ACK = 0x01, 0x02, 0x03, 0x10, 0x11
TYPE_NAMES = {T_DESCRIPTOR: "descriptor", T_SAMPLE: "sample", T_STATUS: "status",
              T_COMMAND: "command", T_ACK: "ack"}
WRAP_WINDOW = 60000000
FLETCHER_BIT = 0x80  # bit 7 of the type byte (section 2.2)
RAW_IMU_BIT = 0x80   # bit 7 of a sample's layout byte (section 3.2)


def len_fits(ftype, length):
    """Section 2, `len` column: the values each defined type can have."""
    payload = length - 7
    if ftype == T_DESCRIPTOR:
        return payload >= 14 and (payload - 14) % 16 == 0
    if ftype == T_SAMPLE:
        return 2 <= payload <= 60 and payload % 2 == 0
    if ftype == T_STATUS:
        return payload == 8
    if ftype == T_COMMAND:
        return payload >= 1
    if ftype == T_ACK:
        return payload == 4
    return True


def fletcher32(data):
    """Section 2.2: little-endian 16-bit words, s1 = s2 = 0, sums mod 65535, s2 * 65536 + s1."""
    s1 = s2 = 0
    for k in range(0, len(data), 2):
        s1 = (s1 + data[k] + (data[k + 1] << 8)) % 65535
        s2 = (s2 + s1) % 65535
    return s2 * 65536 + s1


def check_matches(data, i, length, fletcher):
    """Section 2.2 / section 4 step 3: the frame check of the kind bit 7 of the type names."""
    stored = struct.unpack_from("<I", data, i + 3 + length)[0]
    if fletcher:
        return fletcher32(data[i:i + 3 + length]) == stored  # sync included
    return zlib.crc32(data[i + 1:i + 3 + length]) == stored


def interpretable(chans):
    """Section 3.1, "Interpretable descriptor": order, size and names."""
    kinds = [k for k, _ in chans]
    n_fsr = kinds.count(1)
    imu = chans[n_fsr:]
    if n_fsr > 15 or len(imu) > 12 or 1 in kinds[n_fsr:] or len(imu) % 6:
        return False
    for g in range(0, len(imu), 6):
        group = [nm for _, nm in imu[g:g + 6]]
        hand = group[0].split("_")[0]
        if group != [hand + "_" + a for a in ("ax", "ay", "az", "gx", "gy", "gz")]:
            return False
    names = [nm for _, nm in chans]
    return len(set(names)) == len(names)


def channel_name(kind, hand, site):
    """Section 3.1, or None when a code is outside the defined values."""
    if hand not in (0, 1):
        return None
    h = ("left", "right")[hand]
    if kind == 1:
        return None if site not in (0, 1) else h + "_" + ("thumb", "knuckle")[site]
    if kind in (2, 3):
        return None if site not in (0, 1, 2) else h + "_" + ("a" if kind == 2 else "g") + "xyz"[site]
    return None


def interpret(ftype, p):
    """Decodes a device frame's payload; None when this version cannot interpret it."""
    if ftype == T_SAMPLE:
        raw = (p[0] & RAW_IMU_BIT) != 0
        n_fsr = p[0] & 0x0F
        n_imu = (p[0] >> 4) & 0x07 if raw else p[0] >> 4
        block = 14 if raw else 12
        if n_imu > 2 or len(p) != 2 + 2 * n_fsr + block * n_imu:
            return None
        fsr = list(struct.unpack_from("<%dH" % n_fsr, p, 2))
        imu = []
        for k in range(n_imu):
            at = 2 + 2 * n_fsr + block * k
            if raw:
                # the sensor's burst, big-endian: ax ay az, temperature (skipped), gx gy gz
                ax, ay, az, _temp, gx, gy, gz = struct.unpack_from(">7h", p, at)
                imu += [ax, ay, az, gx, gy, gz]
            else:
                imu += list(struct.unpack_from("<6h", p, at))
        return {"type": "sample", "flags": p[1], "fsr": fsr, "imu": imu}
    if ftype == T_DESCRIPTOR:
        n = p[12]
        if len(p) != 14 + 16 * n:
            return None
        names = []
        for k in range(n):
            e = 14 + 16 * k
            kind, hand, site, unit = p[e], p[e + 1], p[e + 2], p[e + 3]
            name = channel_name(kind, hand, site)
            if name is None or unit != kind:
                return None
            struct.unpack_from("<3f", p, e + 4)  # p0 p1 p2, read to show where they are
            names.append((kind, name))
        if not interpretable(names):
            return None
        return {"type": "descriptor", "channels": [nm for _, nm in names]}
    if ftype == T_STATUS:
        return {"type": "status"}
    if ftype == T_ACK:
        return {"type": "ack"}
    return None


def decode(data):
    c = {"bytes": len(data), "frames": 0, "crc_errors": 0, "resyncs": 0, "lost_frames": 0,
         "junk_bytes": 0, "unknown_type": 0, "duplicates": 0, "restarts": 0}
    types = {name: 0 for name in TYPE_NAMES.values()}
    out = {"t_s_last": None, "value_sum": 0, "channels": None}
    junk_since_frame = False
    prev_seq = None
    prev_t = 0
    offset = 0
    recent = {}  # seq -> (seq, t_us, check) of the last device frame with that seq
    n = len(data)
    i = 0
    while i < n:
        # Step 1: skip to the next sync byte.
        if data[i] != SYNC:
            j = data.find(b"\xa5", i)
            if j < 0:
                j = n
            c["junk_bytes"] += j - i
            junk_since_frame = True
            i = j
            continue
        # Steps 2 and 3; the input is a finished file, so a candidate that would have to wait
        # for bytes is a false sync ("End of input").
        ok = n - i >= 4
        if ok:
            length = data[i + 1] | (data[i + 2] << 8)
            fletcher = (data[i + 3] & FLETCHER_BIT) != 0
            ftype = data[i + 3] & 0x7F
            ok = 7 <= length <= 1024 and len_fits(ftype, length) and n - i >= length + 7
            # Fletcher-32 only on device frames, over whole words: len + 3 even, so len odd.
            if fletcher and (ftype == T_COMMAND or length % 2 == 0):
                ok = False
        if ok and not check_matches(data, i, length, fletcher):
            c["crc_errors"] += 1
            ok = False
        if not ok:
            c["junk_bytes"] += 1
            junk_since_frame = True
            i += 1
            continue
        # Step 4: an intact frame.
        c["frames"] += 1
        if junk_since_frame:
            c["resyncs"] += 1
            junk_since_frame = False
        seq, t_us = struct.unpack_from("<HI", data, i + 4)
        payload = data[i + 10:i + 3 + length]
        i += length + 7
        if ftype == T_COMMAND:
            types["command"] += 1
            continue
        # A device frame: sequence and time tracking first.
        check = struct.unpack_from("<I", data, i - 4)[0]
        if prev_seq is not None:
            if recent.get(seq) == (seq, t_us, check):
                c["duplicates"] += 1
                continue
            if t_us < prev_t and not (prev_t >= 2 ** 32 - WRAP_WINDOW and t_us < WRAP_WINDOW):
                c["restarts"] += 1
                offset += prev_t - t_us
            else:
                if t_us < prev_t:
                    offset += 2 ** 32
                gap = (seq - prev_seq - 1) % 65536
                if gap <= 30000:
                    c["lost_frames"] += gap
        recent[seq] = (seq, t_us, check)
        prev_seq, prev_t = seq, t_us
        t_s = (offset + t_us) / 1e6
        m = interpret(ftype, payload)
        if m is None:
            c["unknown_type"] += 1
            continue
        types[m["type"]] += 1
        out["t_s_last"] = t_s
        if m["type"] == "sample":
            out["value_sum"] += sum(m["fsr"]) + sum(m["imu"])
        if m["type"] == "descriptor":
            out["channels"] = m["channels"]
    return dict(counters=c, types=types, **out)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: independent_decoder.py CAPTURE_FILE\n")
        return 2
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    print(json.dumps(decode(data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
