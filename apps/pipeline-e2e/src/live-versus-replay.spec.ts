import type { SlaCleared, SlaNotification, SlaThresholdFired, SlaTicketOutcome } from '@stageplus/contracts';
import { replay, toKnownEvent } from '@stageplus/sla-engine';
import { loadPolicyFile } from '@stageplus/sla-policy';
import { GRID_POLICY_PATH, ticketEvents as ticket, type RecordedMessage } from '@stageplus/testing';
import { Pipeline } from './testing/pipeline';
import { randomLiveLog, type Delivery } from './testing/random-live-log';

jest.setTimeout(180_000);

const key = (f: SlaThresholdFired) => `${f.ticketId} ${f.clock}:${f.percent}${f.late ? ' late' : ''} @${f.thresholdAt}`;

describe('the live system and `sla replay` are one engine', () => {
  const pipeline = new Pipeline(GRID_POLICY_PATH);
  beforeAll(() => pipeline.start(), 120_000);
  afterAll(() => pipeline.stop());

  it('given a randomized log posted in real time (pauses, priority changes, reopens, late and repeated deliveries), fires what replay fires', async () => {
    const start = Math.ceil((Date.now() + 2_000) / 1000) * 1000;
    const log = randomLiveLog(start, 30, start % 100_000);
    const replayed = replay(
      log.map((d, seq) => toKnownEvent(d.event, seq, d.postAt)),
      { policy: loadPolicyFile(GRID_POLICY_PATH), until: Infinity },
    );
    const expected = replayed.fired;
    expect(expected.length).toBeGreaterThan(30);

    await postInRealTime(pipeline, log);
    const ids = (m: RecordedMessage<SlaThresholdFired>) => key(m.value);
    const lastDue = Math.max(...expected.map((f) => Date.parse(f.firedAt)));
    await pipeline.recorder.waitFor(
      () => pipeline.fired().length >= expected.length,
      Math.max(10_000, lastDue - Date.now() + 10_000),
    );
    // Anything extra would have fired by now; a sentinel's first escalation (2 s) bounds the wait.
    const sentinel = ticket('tenant-a');
    await pipeline.postOk(sentinel.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
    await pipeline.recorder.waitFor(() => pipeline.fired(sentinel.ticketId).length >= 1, 15_000);

    const live = pipeline.fired().filter((m) => m.value.ticketId !== sentinel.ticketId);
    expect(live.map(ids).sort()).toEqual(expected.map(key).sort());
    // Whole events, one builder: equal in every field but the processing time of the firing.
    const byKey = new Map(expected.map((f) => [key(f), f]));
    const sansFiredAt = ({ firedAt: _f, ...rest }: SlaNotification) => rest;
    for (const m of live as RecordedMessage<SlaNotification>[]) {
      const twin = byKey.get(ids(m)) as SlaNotification;
      expect(sansFiredAt(m.value)).toEqual(sansFiredAt(twin));
      expect(Math.abs(Date.parse(m.value.firedAt) - Date.parse(twin.firedAt))).toBeLessThan(1000);
    }
    // The alert lifecycle too: the same clears (each on the topics its clock alerted on) and outcomes.
    const sansClearedAt = ({ clearedAt: _c, ...rest }: SlaCleared) => rest;
    const liveCleared = new Map(pipeline.cleared().map((m) => [m.value.eventId, m.value]));
    expect([...liveCleared.keys()].sort()).toEqual(replayed.cleared.map((c) => c.eventId).sort());
    for (const c of replayed.cleared) expect(sansClearedAt(liveCleared.get(c.eventId) as SlaCleared)).toEqual(sansClearedAt(c));
    const perTopic = (c: SlaCleared) => c.alerts.filter((a, i, all) => all.findIndex((b) => b.type === a.type) === i).length;
    expect(pipeline.cleared()).toHaveLength(replayed.cleared.reduce((n, c) => n + perTopic(c), 0));
    // A late event about a closed ticket revises its outcome: the latest per ticket is what counts.
    const liveOutcomes = new Map(pipeline.outcomes().map((m) => [m.value.ticketId, m.value]));
    expect(replayed.outcomes.length).toBeGreaterThan(0);
    expect(replayed.cleared.length).toBeGreaterThan(0);
    expect([...liveOutcomes.values()].sort(byTicket)).toEqual([...replayed.outcomes].sort(byTicket));
  });
});

const byTicket = (a: SlaTicketOutcome, b: SlaTicketOutcome) => a.ticketId.localeCompare(b.ticketId);

/** Posts each delivery at its instant, those of one instant in one batch (in log order). */
async function postInRealTime(pipeline: Pipeline, log: readonly Delivery[]): Promise<void> {
  const batches = new Map<number, Delivery[]>();
  for (const d of log) batches.set(d.postAt, [...(batches.get(d.postAt) ?? []), d]);
  await Promise.all(
    [...batches].map(
      ([postAt, batch]) =>
        new Promise<void>((resolve, reject) => {
          setTimeout(() => pipeline.postOk(batch.map((d) => d.event)).then(resolve, reject), postAt - Date.now());
        }),
    ),
  );
}
