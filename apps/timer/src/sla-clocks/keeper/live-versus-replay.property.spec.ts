import fc from 'fast-check';
import type { SlaTicketOutcome, SlaTopicEvent } from '@stageplus/contracts';
import { replay, toKnownEvent } from '@stageplus/sla-engine';
import { loadDefaultPolicy, loadPolicyFile, type SlaPolicy } from '@stageplus/sla-policy';
import { GRID_POLICY_PATH } from '@stageplus/testing';
import { keeperWorld, P } from '../testing/keeper-world';
import { randomArrivalsArb, type ArrivalBatch, type ArrivalShape } from '../testing/random-arrivals';

/**
 * The promise the project makes: the live timer fires exactly what `sla replay` computes from the
 * same events in the same arrival order. Here the live side is the real clock keeper on its
 * in-memory ports in virtual time (timers run as a worker would, strictly before each batch), fed
 * random arrivals; replay gets each event with its batch's instant as its processing time.
 *
 * A failure prints fast-check's seed and path; LIVE_REPLAY_SEED=<seed> runs that seed again.
 */
const SEED = process.env.LIVE_REPLAY_SEED === undefined ? undefined : Number(process.env.LIVE_REPLAY_SEED);
const RUNS = Number(process.env.LIVE_REPLAY_RUNS ?? 1_000);
const DAY = 86_400_000;

interface Published {
  readonly events: SlaTopicEvent[];
  readonly outcomes: SlaTicketOutcome[];
}

async function live(policy: SlaPolicy, start: number, batches: readonly ArrivalBatch[]): Promise<Published> {
  const w = keeperWorld({ policy, start });
  await w.store.restore(P, 'me', []);
  for (const batch of batches) {
    await w.runUntil('me', batch.now - 1);
    w.clock.now = batch.now;
    await w.keeper.applyEvents(P, 'me', batch.events.map((event) => ({ event })));
  }
  await w.runUntil('me', batches[batches.length - 1].now + 90 * DAY); // until nothing is left to fire
  // A late event about a closed ticket revises its outcome: the latest per ticket is what counts.
  const outcomes = new Map(w.outbox.outcomes.map((o) => [o.ticketId, o]));
  return { events: [...w.outbox.notifications, ...w.outbox.cleared], outcomes: [...outcomes.values()] };
}

function replayed(policy: SlaPolicy, batches: readonly ArrivalBatch[]): Published {
  const log = batches.flatMap((b) => b.events.map((event) => ({ event, now: b.now }))).map(({ event, now }, seq) => toKnownEvent(event, seq, now));
  const result = replay(log, { policy, until: Infinity });
  return { events: [...result.events], outcomes: [...result.outcomes] };
}

const byId = <T extends { eventId: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));

function agree(policy: SlaPolicy, shape: ArrivalShape) {
  return fc.asyncProperty(randomArrivalsArb(shape), async (batches) => {
    const [liveSide, replaySide] = [await live(policy, shape.start, batches), replayed(policy, batches)];
    expect(byId(liveSide.events)).toEqual(byId(replaySide.events));
    expect(byId(liveSide.outcomes)).toEqual(byId(replaySide.outcomes));
  });
}

describe('the live clock keeper and `sla replay`, on random arrivals in virtual time', () => {
  it('agree on every SLA event (escalations, breaches, clears) and outcome: targets of seconds, 24x7, two plans', async () => {
    const grid = loadPolicyFile(GRID_POLICY_PATH);
    const shape = { start: Date.parse('2026-06-23T15:00:00Z'), unit: 1_000, tenantIds: ['tenant-a', 'tenant-b'], maxTickets: 6 };
    await fc.assert(agree(grid, shape), { numRuns: RUNS, seed: SEED });
  });

  it('agree on every SLA event and outcome: the STAGE+ policy, business hours and holidays', async () => {
    const stageplus = loadDefaultPolicy();
    const shape = {
      start: Date.parse('2026-06-19T13:00:00-04:00'), // a Friday afternoon before the Fête nationale weekend
      unit: 20 * 60_000,
      tenantIds: ['ciusss-capitale-nationale', 'chu-sainte-justine', 'cisss-laval'],
      maxTickets: 6,
    };
    await fc.assert(agree(stageplus, shape), { numRuns: Math.ceil(RUNS / 4), seed: SEED });
  });
});
