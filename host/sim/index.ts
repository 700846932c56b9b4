// The simulated glove: physically motivated, deterministic per seed.
export { simulate, type SimOptions, type SimSession } from './simulate';
export { SimulatedGlove, DEFAULT_LOSS_RATE, SIM_FIRMWARE_VERSION, type GloveOptions } from './glove';
export { SCENARIOS, SCENARIO_NAMES, getScenario, type ScenarioSpec } from './scenarios';
export { DEFAULT_BAND, computeTruth, type Band, type Truth, type TruthPass, type TruthHand } from './truth';
export type { FrameSink } from './sinks';
export { FrameListSink, BlockSink } from './sinks';
export { SimError } from './errors';
