import type { Level, Priority } from '@stageplus/contracts';
import type { PolicyDocument } from '../loading/policy-schema';
import { isPriority, LEVELS } from '../policy-values';
import type { IssueList } from './issue-list';

export type PriorityMatrix = Record<Level, Record<Level, Priority>>;

const EXAMPLE_ROW = '[P1, P2, P2, P3]';

/** The Impact x Urgency matrix: rows 1..4 (impact), each listing the priorities of urgencies 1..4. */
export function buildMatrix(rows: PolicyDocument['matrix'], issues: IssueList): PriorityMatrix | undefined {
  for (const key of Object.keys(rows)) {
    if (!LEVELS.some((level) => String(level) === key)) {
      issues.add(['matrix', key], 'POLICY.MATRIX_IMPACT_UNKNOWN', `there is no impact "${key}": rows are impacts 1 (Étendu) to 4 (Mineur)`);
    }
  }
  const matrix: Partial<PriorityMatrix> = {};
  let complete = true;
  for (const impact of LEVELS) {
    const row = buildRow(impact, rows[String(impact)], issues);
    if (row) matrix[impact] = row;
    else complete = false;
  }
  return complete ? (matrix as PriorityMatrix) : undefined;
}

function buildRow(impact: Level, cells: readonly (string | null)[] | null | undefined, issues: IssueList): Record<Level, Priority> | undefined {
  const at = ['matrix', String(impact)];
  if (!cells) {
    issues.add(at, 'POLICY.MATRIX_CELL_MISSING', `impact ${impact} has no row: list its priorities for urgencies 1 to 4, e.g. ${impact}: ${EXAMPLE_ROW}`);
    return undefined;
  }
  const row: Partial<Record<Level, Priority>> = {};
  let complete = true;
  for (const urgency of LEVELS) {
    const cell = cells[urgency - 1];
    if (isPriority(cell)) {
      row[urgency] = cell;
      continue;
    }
    complete = false;
    if (cell === undefined || cell === null) {
      issues.add(at, 'POLICY.MATRIX_CELL_MISSING', `impact ${impact}, urgency ${urgency} has no priority: a row lists 4 priorities, for urgencies 1 to 4`);
    } else {
      issues.add([...at, urgency - 1], 'POLICY.MATRIX_CELL_INVALID', `impact ${impact}, urgency ${urgency}: "${cell}" is not a priority (P1, P2, P3 or P4)`);
    }
  }
  if (cells.length > LEVELS.length) {
    issues.add([...at, LEVELS.length], 'POLICY.MATRIX_CELL_EXTRA', `impact ${impact} lists ${cells.length} priorities: there are only 4 urgencies`);
    complete = false;
  }
  return complete ? (row as Record<Level, Priority>) : undefined;
}
