import type { CalendarSegment, CalendarSegmentKind, HolidayLabels } from './calendar';
import type { OpenTimeIndex } from './open-time-index';
import type { YearTable } from './year-table';

interface Piece {
  readonly from: number;
  readonly to: number;
  readonly kind: CalendarSegmentKind;
  readonly labels?: HolidayLabels;
}

/** Appends `piece` clipped to `[from, to)`, joining it to the previous segment when it continues it. */
function append(segments: CalendarSegment[], piece: Piece, from: number, to: number): void {
  const clippedFrom = Math.max(piece.from, from);
  const clippedTo = Math.min(piece.to, to);
  if (clippedTo <= clippedFrom) return;
  const last = segments[segments.length - 1];
  if (last !== undefined && last.to === clippedFrom && last.kind === piece.kind && last.label === piece.labels?.fr) {
    segments[segments.length - 1] = { ...last, to: clippedTo };
    return;
  }
  const segment: CalendarSegment = piece.labels === undefined
    ? { from: clippedFrom, to: clippedTo, kind: piece.kind }
    : { from: clippedFrom, to: clippedTo, kind: piece.kind, label: piece.labels.fr, labels: piece.labels };
  segments.push(segment);
}

/** Open intervals and closed days of one year, in order (they never overlap: a closed day has no opening). */
function markedPieces(table: YearTable): Piece[] {
  const pieces: Piece[] = Array.from(table.starts, (start, i) => ({ from: start, to: table.ends[i], kind: 'open' as const }));
  for (const day of table.closedDays) pieces.push({ from: day.from, to: day.to, kind: 'holiday', labels: day.labels });
  return pieces.sort((a, b) => a.from - b.from);
}

/**
 * `[from, to)` as open, closed and holiday segments, year table by year table: the open intervals
 * and the closed days are marked, everything between them (nights, weekends) is `closed`.
 */
export function businessSegments(index: OpenTimeIndex, from: number, to: number): CalendarSegment[] {
  const segments: CalendarSegment[] = [];
  if (!(to > from)) return segments;
  let table = index.tableAt(from);
  for (;;) {
    let cursor = table.start;
    for (const piece of markedPieces(table)) {
      if (piece.to <= from) continue;
      if (piece.from >= to) break;
      append(segments, { from: cursor, to: piece.from, kind: 'closed' }, from, to);
      append(segments, piece, from, to);
      cursor = piece.to;
    }
    append(segments, { from: cursor, to: table.end, kind: 'closed' }, from, to);
    if (to <= table.end) return segments;
    table = index.table(table.year + 1);
  }
}
