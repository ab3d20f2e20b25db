import type { ClockKeeper } from '../keeper/clock-keeper';
import type { ClockStore } from '../keeper/ports';
import type { BullmqWakeTimers } from './bullmq-wake-timers';
import { followOn, untilInstant } from './follow-on';
import { RoundsInFlight } from './rounds-in-flight';

/** How soon a wake-up that left tickets to a batch of events looks at them again. */
const BUSY_RETRY_MS = 5;

/** Rounds of one wake-up publishing and committing at once (`RoundsInFlight`). */
const ROUNDS_IN_FLIGHT = 4;

/** What a partition's wake-up works with. */
export interface WakeUpParts {
  readonly keeper: Pick<ClockKeeper, 'wake'>;
  readonly store: Pick<ClockStore, 'firstDueAfter'>;
  readonly timers: Pick<BullmqWakeTimers, 'plan' | 'wakeBy'>;
  /** Tickets decided per batch (`TIMER_CONCURRENCY`). */
  readonly batchSize: number;
  /** A round fired what the index held due by `by`. */
  readonly fired: (partition: number, by: number) => void;
}

/** The partition a wake-up fires, under its fencing token; `stopped` aborts when its worker stops. */
export interface WakeUpScope {
  readonly partition: number;
  readonly token: string;
  readonly stopped: AbortSignal;
}

/**
 * A wake-up of the partition from `until`: fires what its due index holds due by then, in rounds,
 * going on itself to instants close or already past (follow-on.ts) and leaving the others to a job.
 * Each round's read and the read of the next instant go out together, and the next round starts at
 * its instant whether or not the earlier ones have published and committed (`RoundsInFlight`):
 * their tickets stay theirs, and a ticket they move to an instant of its own is armed by them
 * (`ClockKeeper.fireDue`). Resolves once every round has ended; throws the first one's failure.
 */
export async function fireFrom(parts: WakeUpParts, scope: WakeUpScope, until: number): Promise<void> {
  const { partition, stopped } = scope;
  const rounds = new RoundsInFlight(ROUNDS_IN_FLIGHT);
  const started = Date.now();
  try {
    for (let by = until; ; ) {
      rounds.add(round(parts, scope, by));
      const next = await parts.store.firstDueAfter(partition, by);
      // Stopped (now or while waiting below): the partition's next worker derives its wake-up from the index.
      if (next === null || stopped.aborted) break;
      // Behind, or the next instant close: go on here for a while, then a job's turn.
      const step = followOn(next, Date.now(), started);
      if (step === 'job') {
        await parts.timers.wakeBy(partition, next);
        break;
      }
      if (step === 'wait') {
        // Pending meanwhile, as a job would be (WakePlan): a timer committed for later counts on it.
        if (parts.timers.plan.need(partition, next) === null) break; // a wake-up no later is pending
        if (!(await untilInstant(next, stopped))) break;
        parts.timers.plan.begin(partition, next);
      }
      await rounds.room();
      by = Date.now();
    }
  } finally {
    await rounds.ended();
  }
  rounds.check();
}

/** Fires what the index holds due by `by`; tickets a batch of events holds are looked at again soon. */
async function round(parts: WakeUpParts, { partition, token }: WakeUpScope, by: number): Promise<void> {
  const all = await parts.keeper.wake(partition, token, by, parts.batchSize);
  if (!all) await parts.timers.wakeBy(partition, Date.now() + BUSY_RETRY_MS);
  parts.fired(partition, by);
}
