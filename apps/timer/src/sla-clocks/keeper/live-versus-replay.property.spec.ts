import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { SlaTicketOutcome, SlaTopicEvent } from '@stageplus/contracts';
import { replay, toKnownEvent } from '@stageplus/sla-engine';
import { DEFAULT_POLICY_PATH, loadDefaultPolicy, loadPolicyFile, parsePolicy, singleVersionHistory, type PolicyHistory, type SlaPolicy } from '@stageplus/sla-policy';
import { GRID_POLICY_PATH } from '@stageplus/testing';
import { keeperWorld, P } from '../testing/keeper-world';
import { randomArrivalsArb, type ArrivalBatch, type ArrivalShape } from '../testing/random-arrivals';
import { publicationsOf, randomPublicationsArb, type Publication, type PublicationSpec } from '../testing/random-publications';

/**
 * The promise the project makes: the live timer fires exactly what `sla replay` computes from the
 * same events in the same arrival order. Here the live side is the real clock keeper on its
 * in-memory ports in virtual time (timers run as a worker would, strictly before each batch), fed
 * random arrivals; replay gets each event with its batch's instant as its processing time. In
 * some runs policy versions are published mid-log: the keeper switches to the new history at
 * that instant and, for a correction, decides its open tickets again (what `redecideOnCorrection`
 * does live); replay is given the same history.
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

interface Run {
  readonly base: SlaPolicy;
  readonly batches: readonly ArrivalBatch[];
  readonly publications: readonly Publication[];
}

async function live({ base, batches, publications }: Run, start: number): Promise<Published> {
  let history: PolicyHistory = singleVersionHistory(base);
  const w = keeperWorld({ start, ctx: publications.length === 0 ? () => ({ policy: base }) : () => ({ history }) });
  await w.store.restore(P, 'me', []);
  let p = 0;
  for (const batch of batches) {
    for (; p < publications.length && publications[p].at <= batch.now; p++) await publish(publications[p], batch);
    if (p > 0 && publications[p - 1].at === batch.now) continue; // applied with its publication
    await w.runUntil('me', batch.now - 1);
    w.clock.now = batch.now;
    await w.keeper.applyEvents(P, 'me', batch.events.map((event) => ({ event })));
  }
  for (; p < publications.length; p++) await publish(publications[p], null);
  // Until nothing is left to fire: corrections that scale targets twice may put the last threshold half a year away.
  await w.runUntil('me', Math.max(batches[batches.length - 1].now, publications.at(-1)?.at ?? 0) + 400 * DAY);
  // A late event about a closed ticket revises its outcome: the latest per ticket is what counts.
  const outcomes = new Map(w.outbox.outcomes.map((o) => [o.ticketId, o]));
  return { events: [...w.outbox.notifications, ...w.outbox.cleared], outcomes: [...outcomes.values()] };

  /** A version reaches the timer at its instant: a batch of that instant is decided under it, then a correction decides every open ticket again. */
  async function publish(publication: Publication, batch: ArrivalBatch | null) {
    await w.runUntil('me', publication.at - 1);
    w.clock.now = publication.at;
    history = publication.history;
    if (batch !== null && batch.now === publication.at) await w.keeper.applyEvents(P, 'me', batch.events.map((event) => ({ event })));
    const latest = history.versions[history.versions.length - 1];
    if (latest.policy.replaces !== undefined) await w.keeper.redecide(P, 'me', latest.publishedAt);
  }
}

function replayed({ base, batches, publications }: Run): Published {
  const log = batches.flatMap((b) => b.events.map((event) => ({ event, now: b.now }))).map(({ event, now }, seq) => toKnownEvent(event, seq, now));
  const last = publications.at(-1);
  const result = replay(log, { ...(last === undefined ? { policy: base } : { history: last.history }), until: Infinity });
  return { events: [...result.events], outcomes: [...result.outcomes] };
}

const byId = <T extends { eventId: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));

interface Scenario {
  readonly base: SlaPolicy;
  readonly shape: ArrivalShape;
  readonly holidays: readonly string[];
  readonly closeOn: (policy: SlaPolicy, date: string) => SlaPolicy;
}

function agree({ base, shape, holidays, closeOn }: Scenario) {
  const runArb = fc.tuple(randomArrivalsArb(shape), randomPublicationsArb({ unit: shape.unit, holidays }));
  return fc.asyncProperty(runArb, async ([batches, specs]: [ArrivalBatch[], PublicationSpec[]]) => {
    const run = { base, batches, publications: publicationsOf(base, specs, batches, shape.start, closeOn) };
    const [liveSide, replaySide] = [await live(run, shape.start), replayed(run)];
    expect(byId(liveSide.events)).toEqual(byId(replaySide.events));
    expect(byId(liveSide.outcomes)).toEqual(byId(replaySide.outcomes));
  });
}

/** The STAGE+ policy's business calendars closed on `date` as well (a holiday added by a correction), parsed once per date. */
const closedCalendars = new Map<string, SlaPolicy>();
function stageplusClosedOn(policy: SlaPolicy, date: string): SlaPolicy {
  let closed = closedCalendars.get(date);
  if (closed === undefined) {
    const text = readFileSync(DEFAULT_POLICY_PATH, 'utf8')
      .replace('    closures: []', `    closures:\n      - { date: ${date}, name: Fermeture }`)
      .replace('      - { date: 2026-04-06, name: Lundi de Pâques }', `      - { date: 2026-04-06, name: Lundi de Pâques }\n      - { date: ${date}, name: Fermeture }`);
    closedCalendars.set(date, (closed = parsePolicy(text, 'closed.yaml')));
  }
  return { ...policy, calendars: closed.calendars, calendarSpecs: closed.calendarSpecs };
}

describe('the live clock keeper and `sla replay`, on random arrivals in virtual time', () => {
  it('agree on every SLA event (escalations, breaches, clears) and outcome: targets of seconds, 24x7, two plans, versions published mid-log', async () => {
    const grid = loadPolicyFile(GRID_POLICY_PATH);
    const shape = { start: Date.parse('2026-06-23T15:00:00Z'), unit: 1_000, tenantIds: ['tenant-a', 'tenant-b'], maxTickets: 6 };
    await fc.assert(agree({ base: grid, shape, holidays: [], closeOn: (p) => p }), { numRuns: RUNS, seed: SEED });
  });

  it('agree on every SLA event and outcome: the STAGE+ policy, business hours and holidays, versions and holidays published mid-log', async () => {
    const stageplus = loadDefaultPolicy();
    const shape = {
      start: Date.parse('2026-06-19T13:00:00-04:00'), // a Friday afternoon before the Fête nationale weekend
      unit: 20 * 60_000,
      tenantIds: ['ciusss-capitale-nationale', 'chu-sainte-justine', 'cisss-laval'],
      maxTickets: 6,
    };
    const closeOn = (policy: SlaPolicy, date: string) => stageplusClosedOn(policy, date);
    await fc.assert(agree({ base: stageplus, shape, holidays: ['2026-06-19', '2026-06-22'], closeOn }), { numRuns: Math.ceil(RUNS / 4), seed: SEED });
  });
});
