// Entry point of firmware/dist/pijat-espruino.js: the Espruino Pico (reference board,
// PICO_R1_3), pins from the "espruino" section of hardware/pinmap.json (bundled at build time).
import { espruino as map } from '../../../hardware/pinmap.json';
import { BOARD_ESPRUINO_PICO } from '../../../shared/protocol/constants';
import { bootEspruino } from './espruino-hal';

/**
 * Highest rate this board sustains (hardware/README.md): the sample path measured on the same
 * interpreter built for the RP2040, times 1.26 for the Pico's slower STM32F401.
 */
const MAX_RATE_HZ = PIJAT_MAX_RATE_HZ ?? 100;

bootEspruino(map, 'espruino', BOARD_ESPRUINO_PICO, MAX_RATE_HZ, PIJAT_FW_VERSION);

/** A build-time override for benchmarks (firmware/build.ts); null in a release build. */
declare const PIJAT_MAX_RATE_HZ: number | null;
/** "major.minor.patch", set by firmware/build.ts from package.json. */
declare const PIJAT_FW_VERSION: string;
