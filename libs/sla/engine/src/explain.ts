import type { ClockName } from '@stageplus/contracts';
import type { CalendarSegment, HolidayLabels } from '@stageplus/sla-calendar';
import { resolveTargets } from '@stageplus/sla-policy';
import type { ClockSla } from './clock';
import { evaluateTicket, type EvaluationContext, type TicketSla } from './evaluate-ticket';
import { policyOfState } from './ticket-policy';
import type { Pause, TicketState } from './ticket-state';

export type ExplanationSegmentKind = 'running' | 'paused' | 'outside_hours' | 'holiday';

/** A stretch of a clock's life and whether it counted, to justify a deadline to a customer. */
export interface ExplanationSegment {
  readonly from: number;
  readonly to: number;
  readonly kind: ExplanationSegmentKind;
  /** Pause status, `resolved` (until reopened), or the holiday's name in French. */
  readonly reason?: string;
  /** For `holiday`: its name in both languages, for people reading in English too. */
  readonly labels?: HolidayLabels;
  /** Business time this segment added to the clock (ms). */
  readonly countedMs: number;
  /** Clock time elapsed at the end of this segment (ms). */
  readonly elapsedMs: number;
  /** True for the part after `now`, as the clock would run if nothing changes. */
  readonly projected: boolean;
}

export interface TicketExplanation {
  readonly sla: TicketSla;
  readonly segments: Readonly<Record<ClockName, readonly ExplanationSegment[]>>;
}

/** The ticket's clocks with, for each, the segments that made its deadline. */
export function explainTicket(state: TicketState, ctx: EvaluationContext, now: number): TicketExplanation {
  const sla = evaluateTicket(state, ctx, now);
  const targets = resolveTargets(policyOfState(state, ctx, now), {
    tenantId: state.tenantId,
    impact: sla.impact,
    urgency: sla.urgency,
    plan: ctx.plan,
  });
  return {
    sla,
    segments: {
      response: explainClock(sla.clocks.response, (a, b) => targets.response.calendar.segments(a, b), now),
      resolution: explainClock(sla.clocks.resolution, (a, b) => targets.resolution.calendar.segments(a, b), now),
    },
  };
}

type SegmentSource = (from: number, to: number) => CalendarSegment[];

function explainClock(clock: ClockSla, calendarSegments: SegmentSource, now: number): ExplanationSegment[] {
  const end = explanationEnd(clock, now);
  const pieces: Omit<ExplanationSegment, 'elapsedMs' | 'countedMs'>[] = [];
  for (const segment of calendarSegments(clock.startedAt, end)) {
    for (const piece of overlayPauses(segment, clock.pauses)) {
      for (const part of splitAt(piece, now)) pieces.push(part);
    }
  }
  let elapsed = 0;
  return mergeAdjacent(pieces).map((p) => {
    const countedMs = p.kind === 'running' ? p.to - p.from : 0;
    elapsed += countedMs;
    return { ...p, countedMs, elapsedMs: elapsed };
  });
}

/** Up to the stop; for a paused clock up to now; for a running one up to its deadline or now. */
function explanationEnd(clock: ClockSla, now: number): number {
  if (clock.stop !== null) return clock.stop.at;
  if (clock.pausedSince !== null || clock.dueAt === null) return Math.max(now, clock.startedAt);
  return Math.max(now, clock.dueAt);
}

type Piece = Omit<ExplanationSegment, 'elapsedMs' | 'countedMs'>;

function overlayPauses(segment: CalendarSegment, pauses: readonly Pause[]): Piece[] {
  const base = calendarKind(segment);
  const out: Piece[] = [];
  let cursor = segment.from;
  for (const pause of pauses) {
    if (pause.to <= cursor || pause.from >= segment.to) continue;
    if (pause.from > cursor) out.push({ ...base, from: cursor, to: pause.from });
    const to = Math.min(pause.to, segment.to);
    const reason = pause.reason.kind === 'status' ? pause.reason.status : 'resolved';
    out.push({ from: Math.max(cursor, pause.from), to, kind: 'paused', reason, projected: false });
    cursor = to;
  }
  if (cursor < segment.to) out.push({ ...base, from: cursor, to: segment.to });
  return out;
}

function calendarKind(segment: CalendarSegment): Piece {
  const kind: ExplanationSegmentKind =
    segment.kind === 'open' ? 'running' : segment.kind === 'holiday' ? 'holiday' : 'outside_hours';
  const piece: Piece = { from: segment.from, to: segment.to, kind, reason: segment.label, projected: false };
  return segment.labels === undefined ? piece : { ...piece, labels: segment.labels };
}

function splitAt(piece: Piece, now: number): Piece[] {
  if (now <= piece.from) return [{ ...piece, projected: true }];
  if (now >= piece.to) return [piece];
  return [
    { ...piece, to: now },
    { ...piece, from: now, projected: true },
  ];
}

function mergeAdjacent(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last && last.to === p.from && last.kind === p.kind && last.reason === p.reason && last.projected === p.projected) {
      out[out.length - 1] = { ...last, to: p.to };
    } else {
      out.push(p);
    }
  }
  return out;
}
