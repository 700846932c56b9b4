// What each simulated trainee of the demo does, as an instructor reads it (the scenario ids of
// host/sim/scenarios.ts stay on the command line, never on a page).
import type { Entry } from './index';

export const SCENARIO_NAMES: Record<string, Entry> = {
  good: { id: 'peserta yang mengikuti SOP', en: 'a trainee who follows the SOP' },
  'too-hard': { id: 'peserta yang menekan terlalu keras', en: 'a trainee who presses too hard' },
  'too-light': { id: 'peserta yang menekan terlalu ringan', en: 'a trainee who presses too lightly' },
  'too-fast': { id: 'peserta yang memutar terlalu cepat', en: 'a trainee who circles too fast' },
  'too-slow': { id: 'peserta yang memutar terlalu lambat', en: 'a trainee who circles too slowly' },
  irregular: { id: 'peserta dengan irama tidak rata', en: 'a trainee with an uneven rhythm' },
  'one-hand': { id: 'peserta yang memakai satu ibu jari', en: 'a trainee who uses one thumb' },
  'short-passes': { id: 'peserta dengan putaran terlalu singkat', en: 'a trainee whose passes are too short' },
  'slow-circles': { id: 'peserta yang memutar sangat lambat dan lebar', en: 'a trainee who circles very slowly and widely' },
  'steady-thumb': { id: 'peserta yang menekan rata sambil memutar tangan', en: 'a trainee who presses evenly while circling her hand' },
  'tempo-drift': { id: 'peserta yang temponya berubah-ubah', en: 'a trainee whose tempo wanders' },
};

/** The demo trainee's description, or a neutral one for a scenario without an entry. */
export function scenarioName(id: string): Entry {
  return SCENARIO_NAMES[id] ?? { id: 'peserta simulasi', en: 'a simulated trainee' };
}
