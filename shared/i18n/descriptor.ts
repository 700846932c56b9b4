// Why a glove's descriptor (PROTOCOL.md 3.1, 4) cannot be used, or one of its channels cannot,
// for instructors reading a warning or an error. `{name}` placeholders are filled by t()/both().
import type { Entry } from './index';

export type DescriptorProblemCode =
  | 'too_many_channels'
  | 'unit_kind'
  | 'fsr_after_imu'
  | 'imu_incomplete'
  | 'imu_order'
  | 'imu_hands'
  | 'duplicate_name';

export type ChannelProblemCode = 'not_finite' | 'out_of_range';

const FIX = {
  id: 'Firmware sarung tangan mengirim deskriptor yang salah: pasang ulang firmware dengan: pijat flash',
  en: 'The glove firmware sends a wrong descriptor: install the firmware again with: pijat flash',
};

function withFix(e: Entry): Entry {
  return { id: `${e.id} ${FIX.id}`, en: `${e.en} ${FIX.en}` };
}

/** A descriptor the host cannot interpret; {device} is the glove's device id. */
export const DESCRIPTOR_PROBLEMS: Record<DescriptorProblemCode, Entry> = {
  too_many_channels: withFix({
    id: 'Deskriptor sarung tangan {device} menyebut {fsr} kanal FSR dan {imu} kanal IMU; satu sampel memuat paling banyak 15 FSR dan 2 IMU (27 nilai).',
    en: 'The descriptor of glove {device} lists {fsr} FSR channels and {imu} IMU channels; a sample carries at most 15 FSR and 2 IMUs (27 values).',
  }),
  unit_kind: withFix({
    id: 'Deskriptor sarung tangan {device}: kanal {channel} memakai satuan {unit}, padahal kanal jenis itu memakai {expected}.',
    en: 'The descriptor of glove {device}: channel {channel} is in {unit}, but a channel of that kind is in {expected}.',
  }),
  fsr_after_imu: withFix({
    id: 'Deskriptor sarung tangan {device}: kanal FSR {channel} datang setelah kanal IMU; semua kanal FSR harus di depan.',
    en: 'The descriptor of glove {device}: FSR channel {channel} comes after IMU channels; every FSR channel must come first.',
  }),
  imu_incomplete: withFix({
    id: 'Deskriptor sarung tangan {device} mempunyai {imu} kanal IMU; setiap IMU mempunyai tepat 6 kanal.',
    en: 'The descriptor of glove {device} has {imu} IMU channels; every IMU has exactly 6 channels.',
  }),
  imu_order: withFix({
    id: 'Deskriptor sarung tangan {device}: kanal ke-{position} adalah {channel}, seharusnya {expected} (urutan tiap IMU: ax, ay, az, gx, gy, gz).',
    en: 'The descriptor of glove {device}: channel {position} is {channel}, expected {expected} (each IMU in the order ax, ay, az, gx, gy, gz).',
  }),
  imu_hands: withFix({
    id: 'Deskriptor sarung tangan {device}: kanal IMU {channel} milik tangan lain daripada kanal pertama IMU itu.',
    en: 'The descriptor of glove {device}: IMU channel {channel} belongs to another hand than the first channel of its IMU.',
  }),
  duplicate_name: withFix({
    id: 'Deskriptor sarung tangan {device} menyebut kanal {channel} dua kali.',
    en: 'The descriptor of glove {device} lists channel {channel} twice.',
  }),
};

/** One channel whose calibration constants cannot be used; the channel is left out. */
export const CHANNEL_PROBLEMS: Record<ChannelProblemCode, Entry> = {
  not_finite: {
    id: 'Kanal {channel} sarung tangan {device} tidak dipakai: konstanta kalibrasi {param} = {value} bukan angka. Kalibrasi ulang sarung tangan (pijat calibrate) atau pasang ulang firmware.',
    en: 'Channel {channel} of glove {device} is not used: its calibration constant {param} = {value} is not a number. Calibrate the glove again (pijat calibrate) or reinstall its firmware.',
  },
  out_of_range: {
    id: 'Kanal {channel} sarung tangan {device} tidak dipakai: konstanta kalibrasi {param} = {value} di luar {range}. Kalibrasi ulang sarung tangan (pijat calibrate) atau pasang ulang firmware.',
    en: 'Channel {channel} of glove {device} is not used: its calibration constant {param} = {value} is outside {range}. Calibrate the glove again (pijat calibrate) or reinstall its firmware.',
  },
};
