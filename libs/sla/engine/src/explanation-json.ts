import type { ClockName } from '@stageplus/contracts';
import type { TicketExplanation } from './explain';

const iso = (ms: number | null): string | null => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

/** A ticket's explanation with instants as UTC ISO strings: what APIs and `sla explain --json` return. */
export function explanationToJson(x: TicketExplanation) {
  const clock = (name: ClockName) => {
    const c = x.sla.clocks[name];
    return {
      status: c.status,
      calendar: c.calendarId,
      targetMs: c.targetMs,
      startedAt: iso(c.startedAt),
      dueAt: iso(c.dueAt),
      elapsedMs: c.elapsedMs,
      remainingMs: c.remainingMs,
      stoppedAt: iso(c.stop?.at ?? null),
      stoppedBy: c.stop?.by ?? null,
      pausedSince: iso(c.pausedSince),
      pauses: c.pauses.map((p) => ({
        from: iso(p.from),
        to: iso(p.to),
        reason: p.reason.kind === 'status' ? p.reason.status : 'resolved',
      })),
      thresholds: c.thresholds.map((t) => ({ ...t, at: iso(t.at) })),
      segments: x.segments[name].map((s) => ({ ...s, from: iso(s.from), to: iso(s.to) })),
    };
  };
  const { clocks: _clocks, ...ticket } = x.sla;
  return { ...ticket, clocks: { response: clock('response'), resolution: clock('resolution') } };
}
