import type { SlaCleared, SlaNotification, SlaThresholdFired, SlaTicketOutcome } from '@stageplus/contracts';
import { replay, toKnownEvent, type ReplayResult } from '@stageplus/sla-engine';
import { loadPolicyFile } from '@stageplus/sla-policy';
import { ticketEvents as ticket, type RecordedMessage } from '@stageplus/testing';
import type { Pipeline } from './pipeline';
import type { Delivery } from './random-live-log';

/** A fired threshold as the live-versus-replay comparisons name it. */
export const firingName = (f: SlaThresholdFired): string => `${f.ticketId} ${f.clock}:${f.percent}${f.late ? ' late' : ''} @${f.thresholdAt}`;

/** What `sla replay` computes from the deliveries, each learnt at the instant it is posted. */
export function replayDeliveries(log: readonly Delivery[], policyFile: string): ReplayResult {
  return replay(
    log.map((d, seq) => toKnownEvent(d.event, seq, d.postAt)),
    { policy: loadPolicyFile(policyFile), until: Infinity },
  );
}

/** Posts each delivery at its instant, those of one instant in one batch (in log order). */
export async function postInRealTime(pipeline: Pipeline, log: readonly Delivery[]): Promise<void> {
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

/**
 * Waits until the live system has fired what replay fired (then until a sentinel ticket's first
 * escalation, so that anything extra would have come by then) and expects the same SLA events:
 * every threshold whole but its processing time (within a second), every clear, the latest
 * outcome per ticket.
 */
export async function expectLiveAsReplay(pipeline: Pipeline, replayed: ReplayResult): Promise<void> {
  const expected = replayed.fired;
  const lastDue = Math.max(...expected.map((f) => Date.parse(f.firedAt)));
  await pipeline.recorder.waitFor(() => pipeline.fired().length >= expected.length, Math.max(10_000, lastDue - Date.now() + 10_000));
  const sentinel = ticket('tenant-a');
  await pipeline.postOk(sentinel.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
  await pipeline.recorder.waitFor(() => pipeline.fired(sentinel.ticketId).length >= 1, 60_000);

  const live = pipeline.fired().filter((m) => m.value.ticketId !== sentinel.ticketId);
  const name = (m: RecordedMessage<SlaNotification>) => firingName(m.value);
  expect(live.map(name).sort()).toEqual(expected.map(firingName).sort());
  const byName = new Map(expected.map((f) => [firingName(f), f]));
  const sansFiredAt = ({ firedAt: _f, ...rest }: SlaNotification) => rest;
  for (const m of live) {
    const twin = byName.get(name(m)) as SlaNotification;
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
  expect([...liveOutcomes.values()].sort(byTicket)).toEqual([...replayed.outcomes].sort(byTicket));
}

const byTicket = (a: SlaTicketOutcome, b: SlaTicketOutcome) => a.ticketId.localeCompare(b.ticketId);
