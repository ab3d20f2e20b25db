/**
 * How a wake-up goes on firing its partition's next instants itself rather than through a job of
 * its own: behind (the next instant passed while this one fired), or waiting for a close one on a
 * timer in the process. That timer goes off on time, where BullMQ's pickup (a few round trips,
 * each answered on the timer's busy event loop) runs late, and each job costs Redis three scripts:
 * under a noisy neighbour, a followed instant was 5 ms late at p99 and a job's 19 ms
 * (docs/benchmarks.md, "Eleventh session").
 */

/** How close the next instant must be for a wake-up to wait for it and fire it itself. */
export const FOLLOW_ON_MS = 1_000;

/** How long a wake-up goes on that way before a job's turn. */
export const FOLLOW_FOR_MS = 10_000;

/**
 * What a wake-up that started at `started` does at `now` about its partition's next instant:
 * add a job for it, wait for it, or fire it at once (behind).
 */
export function followOn(next: number, now: number, started: number): 'job' | 'wait' | 'now' {
  if (now - started >= FOLLOW_FOR_MS || next - now > FOLLOW_ON_MS) return 'job';
  return next > now ? 'wait' : 'now';
}

/**
 * Resolves true once the wall clock reads `at` (a timer can go off a little before the clock does:
 * look again), or false as soon as `stopped` aborts (the partition's worker stopped).
 */
export async function untilInstant(at: number, stopped: AbortSignal): Promise<boolean> {
  for (let wait = at - Date.now(); wait > 0 && !stopped.aborted; wait = at - Date.now()) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        stopped.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, wait);
      stopped.addEventListener('abort', done);
    });
  }
  return !stopped.aborted;
}
