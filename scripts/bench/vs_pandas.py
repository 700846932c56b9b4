#!/usr/bin/env python3
"""The job of `pijat score FILE.csv --json`, done the way a researcher would with pandas + scipy.

Usage: python3 scripts/bench/vs_pandas.py RECORDING.csv [PROFILE.json]

Reference for scripts/bench/vs-pandas.ts (a speed and agreement benchmark), not part of the
product. Definitions follow docs/ENGINE.md; the numbers come from the profile's `segmentation`
and `criteria.force_n.target` (default shared/profiles/sop-000.json):

- contact per thumb: force through a 20 ms one-pole low-pass, hysteresis on at >= contact_on_n,
  off below contact_off_n; a missing reading is no contact;
- passes: from the first contact of either thumb to the last contact before both thumbs stayed
  off longer than pass_gap_s; passes shorter than min_pass_s are dropped;
- circles per hand, from two sources as pijat fuses them: the thumb force and the gyroscope's
  axis that moves most in the pass, each band-passed 0.5-4 Hz (Butterworth, zero phase), one
  peak per circle (scipy find_peaks, prominence = the band-passed signal's SD in that pass, at
  least 0.1 N / 3 deg/s), counted while the thumb presses and 0.25 s after each touch-down;
  each source's periodicity is its normalised autocorrelation at its median period; the force
  is used when that is at least 0.4 or the gyro's is not 0.1 higher; cadence = number of
  periods / their sum, periods of 0.15-4 s inside one contact, at least 3;
- force: time-weighted mean while pressing, share of pressing time inside the target band;
- bilateral fraction: time with both thumbs pressing / pass duration.

Reads the columns pijat's engine uses (time, thumbs, gyroscopes); `,`-separated CSV with a
decimal point only (no `;` / decimal-comma exports).
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import signal

DEFAULT_PROFILE = Path(__file__).resolve().parents[2] / 'shared' / 'profiles' / 'sop-000.json'
COLUMNS = ['t_s', 'left_thumb_n', 'right_thumb_n']
GYRO = {h: [f'{h}_g{a}_dps' for a in 'xyz'] for h in ('left', 'right')}
CONTACT_TAU_S = 0.02     # contact judged on the force through a 20 ms low-pass
MAX_STEP_S = 0.1         # a sample stands for the time since the previous one, at most this
BAND_HZ = (0.5, 4.0)     # band-pass for the circles
SETTLE_S = 0.25          # ignore the touch-down ramp
PERIOD_S = (0.15, 4.0)   # periods that count as one circle
WORKED_SHARE = 0.25      # a hand worked in a pass when it pressed this share of its pressing time
FLOOR = {'force': 0.1, 'gyro': 3.0}  # smallest prominence of a circle's peak, N and deg/s
FORCE_TRUSTED = 0.4      # force periodicity at which the gyro is not consulted
SOURCE_MARGIN = 0.1      # the gyro must beat the force's periodicity by this much


def fail(msg):
    sys.exit(f'vs_pandas.py: {msg}')


def read_recording(path):
    header = pd.read_csv(path, nrows=0).columns.str.strip()
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        fail(f'{path}:1: missing column(s) {", ".join(missing)}; the header needs {", ".join(COLUMNS)}')
    gyro = [c for h in GYRO.values() for c in h if c in header]
    df = pd.read_csv(path, usecols=COLUMNS + gyro, dtype='float64')
    # keep only samples whose time increases (the engine skips the others)
    t = df['t_s'].to_numpy()
    prev_max = np.maximum.accumulate(np.r_[-np.inf, t[:-1]])
    return df[t > prev_max].reset_index(drop=True)


def contact(force, fs, on_n, off_n):
    """Hysteresis on the 20 ms low-passed force: True while the thumb presses."""
    f = np.nan_to_num(force, nan=0.0)
    a = (1 / fs) / (CONTACT_TAU_S + 1 / fs)
    smooth, _ = signal.lfilter([a], [1, a - 1], f, zi=[f[0] * (1 - a)])
    state = np.where(smooth >= on_n, 1.0, np.where(smooth < off_n, 0.0, np.nan))
    state[np.isnan(force)] = 0.0
    return pd.Series(state).ffill().fillna(0.0).to_numpy(dtype=bool)


def find_passes(t, pressing, gap_s, min_s):
    idx = np.flatnonzero(pressing)
    if idx.size == 0:
        return np.empty(0), np.empty(0)
    tc = t[idx]
    breaks = np.flatnonzero(np.diff(tc) > gap_s)
    starts = tc[np.r_[0, breaks + 1]]
    ends = tc[np.r_[breaks, tc.size - 1]]
    keep = ends - starts >= min_s
    return starts[keep], ends[keep]


def circles(t, seg, on, run, settled, i0, i1, fs, floor):
    """Circle count, valid periods and periodicity of one band-passed signal in samples [i0, i1)."""
    pressing = on[i0:i1]
    if pressing.sum() < fs:  # under a second of pressing: no rhythm to judge
        return 0, np.empty(0), 0.0
    prom = max(floor, float(seg[pressing].std()))
    peaks, _ = signal.find_peaks(seg, prominence=prom, distance=max(1, int(fs * PERIOD_S[0])))
    peaks = peaks[settled[i0:i1][peaks]] + i0
    periods = np.diff(t[peaks])
    same_contact = run[peaks][1:] == run[peaks][:-1]
    ok = same_contact & (periods >= PERIOD_S[0]) & (periods <= PERIOD_S[1])
    return peaks.size, periods[ok], periodicity(seg, periods[ok], fs)


def periodicity(x, periods, fs):
    """Normalised autocorrelation of x at its median period (0 when unknown)."""
    if periods.size < 2:
        return 0.0
    lag = int(round(np.median(periods) * fs))
    if lag < 1 or lag >= x.size:
        return 0.0
    a, b = x[:-lag], x[lag:]
    den = np.sqrt(np.dot(a, a) * np.dot(b, b))
    return float(np.dot(a, b) / den) if den > 0 else 0.0


def hand_circles(t, d, i0, i1, fs):
    """Circles of one hand in a pass: the force's, or the gyro's main axis when it is clearly more periodic."""
    args = (d['on'], d['run'], d['settled'], i0, i1, fs)
    force = circles(t, d['bp'][i0:i1], *args, FLOOR['force'])
    if d['gyro'] is None or force[2] >= FORCE_TRUSTED:
        return force[:2]
    g = d['gyro'][i0:i1]
    axis = int(np.argmax(g[d['on'][i0:i1]].var(axis=0))) if d['on'][i0:i1].any() else 0
    gyro = circles(t, g[:, axis], *args, FLOOR['gyro'])
    return (gyro if gyro[2] > force[2] + SOURCE_MARGIN else force)[:2]


def cadence(periods):
    return periods.size / periods.sum() if periods.size >= 3 else None


def ratio(a, b):
    return float(a / b) if b > 0 else None


def main():
    if len(sys.argv) < 2:
        fail('usage: python3 scripts/bench/vs_pandas.py RECORDING.csv [PROFILE.json]')
    path = sys.argv[1]
    profile = json.loads(Path(sys.argv[2] if len(sys.argv) > 2 else DEFAULT_PROFILE).read_text())
    seg = profile['segmentation']
    band = profile['criteria']['force_n']['target']

    df = read_recording(path)
    t = df['t_s'].to_numpy()
    if t.size < 2:
        fail(f'{path}: fewer than 2 samples')
    fs = 1.0 / np.median(np.diff(t))
    dt = np.clip(np.diff(t, prepend=t[0]), 0.0, MAX_STEP_S)
    sos = signal.butter(2, BAND_HZ, btype='bandpass', fs=fs, output='sos')

    hands = {}
    for hand in ('left', 'right'):
        f = df[f'{hand}_thumb_n'].to_numpy()
        on = contact(f, fs, seg['contact_on_n'], seg['contact_off_n'])
        touchdown = on & ~np.r_[False, on[:-1]]
        run = np.cumsum(touchdown)  # contact number: a period may not span a lift
        last_touchdown = pd.Series(np.where(touchdown, t, np.nan)).ffill().to_numpy()
        settled = on & (t - last_touchdown >= SETTLE_S)
        fz = np.nan_to_num(f, nan=0.0)
        cols = GYRO[hand]
        gyro = None
        if all(c in df for c in cols):
            gyro = signal.sosfiltfilt(sos, np.nan_to_num(df[cols].to_numpy(), nan=0.0), axis=0)
        hands[hand] = {
            'f': fz, 'on': on, 'run': run, 'settled': settled,
            'bp': signal.sosfiltfilt(sos, fz), 'gyro': gyro,
            'w': dt * on,  # pressing time per sample
        }
    both_w = dt * (hands['left']['on'] & hands['right']['on'])
    any_w = dt * (hands['left']['on'] | hands['right']['on'])

    starts, ends = find_passes(t, hands['left']['on'] | hands['right']['on'], seg['pass_gap_s'], seg['min_pass_s'])
    i0s = np.searchsorted(t, starts, side='left')
    i1s = np.searchsorted(t, ends, side='right')

    passes = []
    totals = {h: {'periods': [], 'press': 0.0, 'force': 0.0, 'in_band': 0.0} for h in hands}
    for k, (start, end, i0, i1) in enumerate(zip(starts, ends, i0s, i1s), 1):
        any_s = any_w[i0:i1].sum()
        row = {'index': k, 'start_s': float(start), 'end_s': float(end), 'duration_s': float(end - start)}
        counts, cads = [], []
        for h, d in hands.items():
            w = d['w'][i0:i1]
            f = d['f'][i0:i1]
            press = w.sum()
            n, periods = hand_circles(t, d, i0, i1, fs)
            cad = cadence(periods)
            in_band = (w * ((f >= band['min']) & (f <= band['max']))).sum()
            row[f'circles_{h}'] = int(n)
            row[f'cadence_{h}_hz'] = cad
            row[f'mean_force_{h}_n'] = ratio((w * f).sum(), press)
            row[f'in_band_{h}'] = ratio(in_band, press)
            if any_s > 0 and press >= WORKED_SHARE * any_s:
                counts.append(n)
                if cad is not None:
                    cads.append(cad)
            tot = totals[h]
            tot['periods'].append(periods)
            tot['press'] += press
            tot['force'] += (w * f).sum()
            tot['in_band'] += in_band
        row['circles'] = int(round(np.mean(counts))) if counts else 0
        row['cadence_hz'] = float(np.mean(cads)) if cads else None
        row['bilateral_fraction'] = ratio(both_w[i0:i1].sum(), end - start)
        passes.append(row)

    def hand_total(h):
        tot = totals[h]
        periods = np.concatenate(tot['periods']) if tot['periods'] else np.empty(0)
        return {
            'cadence_hz': cadence(periods),
            'mean_n': ratio(tot['force'], tot['press']),
            'in_band_fraction': ratio(tot['in_band'], tot['press']),
        }

    left, right = hand_total('left'), hand_total('right')
    cad_known = [c for c in (left['cadence_hz'], right['cadence_hz']) if c is not None]
    press_all = totals['left']['press'] + totals['right']['press']
    work_s = float((ends - starts).sum())
    both_s = sum(both_w[i0:i1].sum() for i0, i1 in zip(i0s, i1s))
    report = {
        'tool': 'pandas + scipy',
        'profile': profile['id'],
        'passes': passes,
        'cadence': {
            'left_hz': left['cadence_hz'],
            'right_hz': right['cadence_hz'],
            'mean_hz': float(np.mean(cad_known)) if cad_known else None,
        },
        'pressure': {
            'left': {'mean_n': left['mean_n'], 'in_band_fraction': left['in_band_fraction']},
            'right': {'mean_n': right['mean_n'], 'in_band_fraction': right['in_band_fraction']},
            'in_band_fraction': ratio(totals['left']['in_band'] + totals['right']['in_band'], press_all),
        },
        'bilateral_fraction': ratio(both_s, work_s),
        'work_s': work_s,
        'samples': int(t.size),
        'rate_hz': float(fs),
    }
    json.dump(report, sys.stdout, indent=2, default=float)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
