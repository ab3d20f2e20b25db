import type { SlaThresholdFired } from '@stageplus/contracts';
import type { ClockSla } from './clock';
import type { TicketSla } from './evaluate-ticket';
import { firingMark, firings, standsFired, type ThresholdRef } from './fired-marks';
import { isoInstant } from './iso-instant';

export type { ThresholdRef } from './fired-marks';

/** Schedule as data: "threshold X of clock Y falls at T". */
export interface ScheduledThreshold extends ThresholdRef {
  readonly at: number;
}

/** A decision to fire a threshold at `firedAt`. */
export interface Firing extends ScheduledThreshold {
  readonly firedAt: number;
  readonly late: boolean;
  /** Which firing of the threshold: 1, or more once a correction withdrew the previous one. */
  readonly nth: number;
}

/** The mark of a threshold's first firing in a ticket's fired set (see `fired-marks.ts`). */
export function firingKey(ref: ThresholdRef): string {
  return firingMark(ref);
}

/** The mark a firing adds to the ticket's fired set. */
export const firingMarkOf = (firing: Firing): string => firingMark(firing, firing.nth);

/**
 * Reached thresholds not standing fired, by instant then percent. Each is put in its place as it
 * comes (a handful per ticket) rather than sorted after: `Array.prototype.sort` allocates a work
 * array per call, and this runs for every decision of every ticket.
 */
function reachedUnfired(sla: TicketSla, fired: ReadonlySet<string>): ScheduledThreshold[] {
  const out: ScheduledThreshold[] = [];
  for (const clock of [sla.clocks.response, sla.clocks.resolution] as ClockSla[]) {
    for (const t of clock.thresholds) {
      if (!t.reached || t.at === null) continue;
      const ref = { clock: clock.clock, percent: t.percent, at: t.at };
      if (!standsFired(fired, ref)) insertInOrder(out, ref);
    }
  }
  return out;
}

/** After any equal to it (a stable order, as `sort` keeps). */
function insertInOrder(out: ScheduledThreshold[], ref: ScheduledThreshold): void {
  let i = out.length;
  out.push(ref);
  while (i > 0 && (out[i - 1].at > ref.at || (out[i - 1].at === ref.at && out[i - 1].percent > ref.percent))) {
    out[i] = out[i - 1];
    i--;
  }
  out[i] = ref;
}

/**
 * What is due at processing time `t` (section 7, rules 2 and 3): every reached threshold not
 * standing fired (never fired, or withdrawn by a correction) whose instant is at or before `t`,
 * not yet marked late (see `decideAt`); and those still to fire after `t`. One pass for both.
 */
export function dueAndUpcoming(sla: TicketSla, fired: ReadonlySet<string>, t: number): { readonly due: Firing[]; readonly upcoming: ScheduledThreshold[] } {
  const due: Firing[] = [];
  const upcoming: ScheduledThreshold[] = [];
  for (const s of reachedUnfired(sla, fired)) {
    if (s.at > t) upcoming.push(s);
    else due.push(firingOf(s, fired, t));
  }
  return { due, upcoming };
}

// Every field named rather than `{ ...s, firedAt, … }`: see toSlaEvent.
const firingOf = (s: ScheduledThreshold, fired: ReadonlySet<string>, t: number): Firing => ({
  clock: s.clock,
  percent: s.percent,
  at: s.at,
  firedAt: t,
  late: false,
  nth: firings(fired, s) + 1,
});

/** The thresholds still to fire after `t`, in order: what a scheduler must hold. */
export function upcomingThresholds(sla: TicketSla, fired: ReadonlySet<string>, t: number): ScheduledThreshold[] {
  return reachedUnfired(sla, fired).filter((s) => s.at > t);
}

/** The outgoing event for a firing, instants as UTC ISO with milliseconds. */
export function toThresholdFired(sla: TicketSla, firing: Firing): SlaThresholdFired {
  const clock = sla.clocks[firing.clock];
  const rule = clock.thresholds.find((t) => t.percent === firing.percent);
  return {
    type: rule?.event ?? 'sla.escalated',
    tenantId: sla.tenantId,
    ticketId: sla.ticketId,
    clock: firing.clock,
    percent: firing.percent,
    level: rule?.level ?? null,
    priority: sla.priority,
    thresholdAt: isoInstant(firing.at),
    firedAt: isoInstant(firing.firedAt),
    late: firing.late,
  };
}
