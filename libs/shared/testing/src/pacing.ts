/*
 * The pace of a load or of a scenario's timeline: these say when a test takes its next step (posts
 * the next batch, kills the primary, ends the outage), never wait for an outcome. A test waiting for
 * something to happen uses `waitUntil` or a `TopicRecorder`, with a deadline.
 */

/** Resolves after `ms` (at once when not positive): the gap between two steps of a load. */
export function pace(ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when the wall clock reaches `instant` (epoch ms), at once if it has passed: a step of a timeline. */
export function atInstant(instant: number): Promise<void> {
  return pace(instant - Date.now());
}
