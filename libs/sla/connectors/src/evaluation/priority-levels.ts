import type { Level, Priority } from '@stageplus/contracts';
import { LEVELS, type SlaPolicy } from '@stageplus/sla-policy';
import type { ConnectorMapping } from '../connector-mapping';

/** Impact and urgency that give a priority through the policy's matrix. */
export interface Levels {
  readonly impact: Level;
  readonly urgency: Level;
}

/**
 * The source's priority as P1-P4: the first range its number reaches (numeric priorities), else
 * its entry in `priorities` (case-insensitive), else `*`; null when none applies.
 */
export function priorityOf(mapping: ConnectorMapping, value: string | number | boolean): Priority | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (mapping.priorityRanges !== undefined && !Number.isNaN(number)) {
    const ranges = [...mapping.priorityRanges].sort((a, b) => b.min - a.min);
    const range = ranges.find((r) => number >= r.min);
    if (range !== undefined) return range.priority;
  }
  return lookUp(mapping.priorities, String(value)) ?? null;
}

/** Looks a source value up case-insensitively, falling back to the `*` entry. */
export function lookUp<T>(table: Readonly<Record<string, T>>, value: string): T | undefined {
  const wanted = value.trim().toLowerCase();
  const entry = Object.entries(table).find(([key]) => key.trim().toLowerCase() === wanted);
  return entry !== undefined ? entry[1] : table['*'];
}

/**
 * The impact and urgency that give `priority` through the policy's matrix, so that the priority
 * service derives the very priority the source meant. Several pairs give most priorities; the
 * one nearest the matrix's diagonal, then the least severe, is taken: P1 is impact 1 urgency 1,
 * and under the STAGE+ matrix P2 is 2/2, P3 2/3, P4 4/4.
 */
export function levelsOf(policy: SlaPolicy, priority: Priority): Levels | null {
  const pairs = LEVELS.flatMap((impact) => LEVELS.filter((urgency) => policy.matrix[impact][urgency] === priority).map((urgency) => ({ impact, urgency })));
  pairs.sort((a, b) => Math.abs(a.impact - a.urgency) - Math.abs(b.impact - b.urgency) || b.impact + b.urgency - (a.impact + a.urgency) || a.impact - b.impact);
  return pairs[0] ?? null;
}
