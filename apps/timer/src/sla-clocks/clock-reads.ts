import type { ClockStore } from './keeper/ports';

/**
 * What the read API (the SLA view, the at-risk board) reads of the clock store: unfenced, so that
 * any member answers for every partition, all of them living in the same Redis.
 */
export type ClockReads = Pick<ClockStore, 'read' | 'board'>;
