// Entry point of firmware/dist/pijat-espruino-rp2040.js: Espruino built for the RP2040
// (BOARD=RP2040_PICO), pins from the "espruino_rp2040" section of hardware/pinmap.json.
import { espruino_rp2040 as map } from '../../../hardware/pinmap.json';
import { BOARD_ESPRUINO_RP2040 } from '../../../shared/protocol/constants';
import { bootEspruino } from './espruino-hal';

/** Highest rate this board sustains (hardware/README.md), measured in rp2040js at 125 MHz. */
const MAX_RATE_HZ = PIJAT_MAX_RATE_HZ ?? 100;

bootEspruino(map, 'espruino_rp2040', BOARD_ESPRUINO_RP2040, MAX_RATE_HZ, PIJAT_FW_VERSION);

/** A build-time override for benchmarks (firmware/build.ts); null in a release build. */
declare const PIJAT_MAX_RATE_HZ: number | null;
/** "major.minor.patch", set by firmware/build.ts from package.json. */
declare const PIJAT_FW_VERSION: string;
