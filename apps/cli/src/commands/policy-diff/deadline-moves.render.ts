import { localTime } from '../format-time';
import type { DeadlineDiff, DeadlineMove } from './deadline-moves';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** `+2h 30m`, `-1d 4h`, `+45m`, `+1s`: a signed wall-clock duration, to the second (`0` for none). */
export function signedDuration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds === 0) return '0';
  const parts = [
    [Math.floor(seconds / 86_400), 'd'],
    [Math.floor((seconds % 86_400) / 3600), 'h'],
    [Math.floor((seconds % 3600) / 60), 'm'],
    [seconds % 60, 's'],
  ] as const;
  return (ms < 0 ? '-' : '+') + parts.filter(([n]) => n > 0).map(([n, unit]) => `${n}${unit}`).join(' ');
}

/**
 * One line of text: tenant, ticket, clock, old and new deadline in the establishment's time, the
 * shift, then what already fired and would have fired elsewhere. A paused clock has no deadline:
 * its target's shift in business time is given instead.
 */
export function moveLine(m: DeadlineMove): string {
  const due = (ms: number | null): string => (ms === null ? 'paused' : localTime(ms, m.timeZone));
  const delta =
    m.oldDueAt !== null && m.newDueAt !== null ? signedDuration(m.newDueAt - m.oldDueAt) : `${signedDuration(m.newTargetMs - m.oldTargetMs)} of business time`;
  const notes = [
    ...m.firedElsewhere.map((f) => {
      const fired = `${f.percent}% fired ${localTime(f.firedAt, m.timeZone)}`;
      if (f.newAt === null) return `${fired}, would not fire`;
      return `${fired}, would ${f.wouldHaveFired ? 'have fired' : 'fire'} ${localTime(f.newAt, m.timeZone)}`;
    }),
    ...(m.firesAtOnce.length > 0 ? [`${m.firesAtOnce.map((p) => `${p}%`).join(', ')} would fire at once (late)`] : []),
  ];
  return [m.tenantId, m.ticketId, m.clock, due(m.oldDueAt), '->', due(m.newDueAt), delta].join(' ') + (notes.length > 0 ? `; ${notes.join('; ')}` : '');
}

/** The same as a JSON Lines record, instants in UTC ISO. */
export function moveRecord(m: DeadlineMove) {
  return {
    type: 'move',
    tenantId: m.tenantId,
    ticketId: m.ticketId,
    clock: m.clock,
    oldDueAt: iso(m.oldDueAt),
    newDueAt: iso(m.newDueAt),
    deltaMs: m.oldDueAt !== null && m.newDueAt !== null ? m.newDueAt - m.oldDueAt : null,
    targetDeltaMs: m.newTargetMs - m.oldTargetMs,
    timeZone: m.timeZone,
    firedElsewhere: m.firedElsewhere.map((f) => ({ percent: f.percent, firedAt: iso(f.firedAt), newAt: iso(f.newAt), wouldHaveFired: f.wouldHaveFired })),
    firesAtOnce: m.firesAtOnce,
  };
}

/** The summary: how many open tickets were examined and how many have a clock that moves. */
export function summaryRecord(diff: DeadlineDiff) {
  const moved = new Set(diff.moves.map((m) => `${m.tenantId}/${m.ticketId}`)).size;
  return { type: 'summary', examined: diff.examined, moved, clocksMoved: diff.moves.length, otherVersion: diff.otherVersion };
}

export function summaryLine(diff: DeadlineDiff): string {
  const s = summaryRecord(diff);
  const other = s.otherVersion > 0 ? `, ${s.otherVersion} under another version than OLD (not examined)` : '';
  return `${s.examined} open ticket(s) examined, ${s.moved} moved (${s.clocksMoved} clock(s))${other}`;
}
