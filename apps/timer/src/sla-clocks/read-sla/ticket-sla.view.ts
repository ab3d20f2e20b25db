import { explainTicket, firingKey, foldTicket, isOpened, explanationToJson, upcomingThresholds, type EvaluationContext } from '@stageplus/sla-engine';
import type { TicketRecord } from '../ticket-record/ticket-record';
import { timerJobId } from '../bullmq/bullmq-ticket-timers';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * A ticket's clocks as of `now`, for the SLA API: the explanation (deadlines, figures, segments),
 * and each threshold's state as of now: `fired` (with `firedAt` and `late`), `pending` (with the
 * instant it will fire) or `unreachable` (the clock stopped, or is paused, short of it).
 * `reached` says whether the clock had reached the threshold by `now`. Null until the ticket's
 * `ticket.opened` (with impact and urgency) is known.
 */
export function ticketSlaView(record: TicketRecord, ctx: EvaluationContext, now: number) {
  const state = foldTicket(record.events, { pauseStatuses: ctx.policy.pauseStatuses });
  if (state === null || !isOpened(state)) return null;
  const explanation = explainTicket(state, ctx, now);
  const json = explanationToJson(explanation);
  const upcoming = upcomingThresholds(explanation.sla, new Set(record.fired.keys()), now);
  const clocks = Object.fromEntries(
    (['response', 'resolution'] as const).map((name) => {
      const thresholds = explanation.sla.clocks[name].thresholds.map((t) => {
        const key = firingKey({ clock: name, percent: t.percent });
        const fired = record.fired.get(key);
        const base = { percent: t.percent, event: t.event, level: t.level, at: t.at === null ? null : iso(t.at) };
        if (fired !== undefined) return { ...base, reached: true, state: 'fired', firedAt: iso(fired.firedAt), late: fired.late };
        if (t.reached && t.at !== null) return { ...base, reached: t.at <= now, state: 'pending' };
        return { ...base, reached: false, state: 'unreachable' };
      });
      return [name, { ...json.clocks[name], thresholds }];
    }),
  );
  const jobId = timerJobId(record.ref);
  return {
    asOf: iso(now),
    ...json,
    clocks,
    fired: [...record.fired.keys()].sort(),
    scheduled: upcoming.map((u) => ({ threshold: firingKey(u), at: iso(u.at), jobId })),
    timer: record.armedAt === null ? null : { jobId, armedFor: iso(record.armedAt) },
  };
}
