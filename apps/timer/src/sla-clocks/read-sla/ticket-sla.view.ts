import type { ClockName } from '@stageplus/contracts';
import {
  clearingKey,
  clockFirings,
  explainTicket,
  firingKey,
  firingMark,
  firings,
  foldUnderPolicy,
  isFiringMark,
  orderEvents,
  policyOfEvents,
  isOpened,
  explanationToJson,
  standsFired,
  upcomingThresholds,
  type EvaluationContext,
  type KnownEvent,
} from '@stageplus/sla-engine';
import type { TicketRecord } from '../ticket-record/ticket-record';
import { ticketHistory } from './ticket-history';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * A ticket's clocks as of `now`, for the SLA API: the explanation (deadlines, figures, segments),
 * and each threshold's state as of now: `fired` (with `firedAt` and `late`), `pending` (with the
 * instant it will fire: also a threshold a correction withdrew, to fire again) or `unreachable`
 * (the clock stopped, or is paused, short of it).
 * `reached` says whether the clock had reached the threshold by `now`. `fired` lists the firing
 * marks only (`clock:percent`, `clock:percent:n` for a threshold fired again after a correction); `alerts` says per clock whether its alert is open, cleared
 * (stopped or paused since) or none fired; `history` is the ticket's SLA-relevant events, for
 * people; `events` is every event the engine folds (duplicates dropped, event-time order) with
 * what the fold reads, so that a client can evaluate the ticket under another policy
 * (`sla policy diff`): `history` leaves out an impact change that keeps the priority, which
 * another matrix may not. Null until the ticket's `ticket.opened` (with impact and urgency) is known.
 */
export function ticketSlaView(record: TicketRecord, ctx: EvaluationContext, now: number) {
  const state = foldUnderPolicy(record.events, ctx, now);
  if (state === null || !isOpened(state)) return null;
  const explanation = explainTicket(state, ctx, now);
  const json = explanationToJson(explanation);
  const marks = new Set(record.fired.keys());
  const upcoming = upcomingThresholds(explanation.sla, marks, now);
  const clocks = Object.fromEntries(
    (['response', 'resolution'] as const).map((name) => {
      const thresholds = explanation.sla.clocks[name].thresholds.map((t) => {
        const ref = { clock: name, percent: t.percent };
        const fired = standsFired(marks, ref) ? record.fired.get(firingMark(ref, firings(marks, ref))) : undefined;
        const base = { percent: t.percent, event: t.event, level: t.level, at: t.at === null ? null : iso(t.at) };
        if (fired !== undefined) return { ...base, reached: true, state: 'fired', firedAt: iso(fired.firedAt), late: fired.late };
        if (t.reached && t.at !== null) return { ...base, reached: t.at <= now, state: 'pending' };
        return { ...base, reached: false, state: 'unreachable' };
      });
      return [name, { ...json.clocks[name], thresholds }];
    }),
  );
  return {
    asOf: iso(now),
    ...json,
    clocks,
    fired: [...marks].filter(isFiringMark).sort(),
    alerts: { response: alertOf(record, 'response'), resolution: alertOf(record, 'resolution') },
    scheduled: upcoming.map((u) => ({ threshold: firingKey(u), at: iso(u.at) })),
    timer: record.armedAt === null ? null : { armedFor: iso(record.armedAt) },
    history: ticketHistory(record.events, policyOfEvents(record.events, ctx, now)),
    events: orderEvents(record.events).map(foldedEvent),
  };
}

/** What the fold reads of an event, instants as ISO strings; absent fields are left out. */
function foldedEvent(e: KnownEvent) {
  return {
    eventId: e.eventId,
    type: e.type,
    occurredAt: iso(e.occurredAt),
    receivedAt: iso(e.receivedAt),
    ...(e.impact === undefined ? {} : { impact: e.impact }),
    ...(e.urgency === undefined ? {} : { urgency: e.urgency }),
    ...(e.status === undefined ? {} : { status: e.status }),
  };
}

/** A clock's alert: open while thresholds fired and no clearing mark for that many firings (see `clearingKey`). */
function alertOf(record: TicketRecord, clock: ClockName): 'open' | 'cleared' | 'none' {
  const count = clockFirings(record.fired.keys(), clock);
  if (count === 0) return 'none';
  return record.fired.has(clearingKey(clock, count)) ? 'cleared' : 'open';
}
