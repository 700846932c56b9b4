// A stored session's raw chunks replayed through the pipeline (pijat report, pijat export):
// the same decoder, the glove's stored calibration, the session's profile, and the same
// whole-recording rule for samples before the first descriptor as `pijat score`.
import type { EngineSample } from '../../shared/engine/types';
import type { Profile } from '../../shared/profiles/schema';
import type { Pipeline } from '../../shared/pipeline';
import { CLI } from '../../shared/i18n/cli';
import type { Session, Store } from '../store';
import { UserError } from './errors';
import { createProgress } from './progress';
import { storeCalibration } from './stored-calibration';

/** "12" -> 12, else a usage error naming the value. */
export function sessionArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(CLI.bad_session_id, { value });
  return n;
}

/** The profile to judge a stored session by: --profile, else the session's own (built in). */
export async function sessionProfile(session: Session, flag?: string): Promise<Profile> {
  const [{ resolveProfile }, { isBuiltinProfile }] = await Promise.all([
    import('../profiles'),
    import('../../shared/profiles/index'),
  ]);
  if (flag) return resolveProfile(flag);
  if (!isBuiltinProfile(session.profile)) {
    throw new UserError(CLI.session_profile_unknown, { session: session.id, profile: session.profile });
  }
  return resolveProfile(session.profile);
}

/** Pushes every stored chunk through a fresh pipeline; `onSample` sees each calibrated sample. */
export async function replaySession(
  store: Store,
  session: Session,
  profile: Profile,
  label: string,
  onSample?: (s: EngineSample, pipe: Pipeline) => void,
): Promise<Pipeline> {
  if (session.chunks === 0) throw new UserError(CLI.session_no_frames, { session: session.id });
  const { createPipeline, findDescriptorIn } = await import('../../shared/pipeline');
  let pipe: Pipeline | undefined;
  pipe = createPipeline({
    profile,
    source: 'live',
    // The whole recording is at hand, as for `pijat score FILE`: its first descriptor calibrates
    // every sample before it (a descriptor lost in a damaged start), not only the last 2 s.
    descriptor: findDescriptorIn(store.readFrames(session.id)),
    calibration: storeCalibration(store),
    onSample: onSample ? (s) => onSample(s, pipe!) : undefined,
  });
  const progress = createProgress(label, session.chunks);
  let n = 0;
  try {
    for (const chunk of store.readFrames(session.id)) {
      pipe.push(chunk.bytes);
      progress.update(++n);
    }
  } finally {
    progress.stop();
  }
  pipe.end();
  return pipe;
}
