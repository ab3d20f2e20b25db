import { validationProblem, type ProblemFieldError } from '@stageplus/http';
import type { BoardPosition } from '../keeper/ports';

export const AT_RISK_DEFAULT_LIMIT = 50;
export const AT_RISK_MAX_LIMIT = 200;

/** The board's query string, validated. */
export interface AtRiskRequest {
  readonly state: 'running' | 'paused';
  readonly limit: number;
  readonly after: BoardPosition | null;
}

/** The opaque cursor: the last position of the page, base64url JSON (clients never read it). */
export const encodeCursor = (p: BoardPosition): string => Buffer.from(JSON.stringify([p.score, p.key]), 'utf8').toString('base64url');

function decodeCursor(cursor: string): BoardPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isFinite(value[0]) && typeof value[1] === 'string') {
      return { score: value[0], key: value[1] };
    }
  } catch {
    // not JSON: reported below as an invalid cursor
  }
  return null;
}

/** Validates `state`, `limit` and `cursor`, naming every bad field at once (400 problem+json). */
export function parseAtRiskRequest(query: Record<string, unknown>): AtRiskRequest {
  const errors: ProblemFieldError[] = [];
  const state = query.state ?? 'running';
  if (state !== 'running' && state !== 'paused') errors.push({ field: 'state', message: 'must be running or paused' });
  const rawLimit = query.limit ?? String(AT_RISK_DEFAULT_LIMIT);
  const limit = typeof rawLimit === 'string' && /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= AT_RISK_MAX_LIMIT)) errors.push({ field: 'limit', message: `must be an integer from 1 to ${AT_RISK_MAX_LIMIT}` });
  let after: BoardPosition | null = null;
  if (query.cursor !== undefined) {
    after = typeof query.cursor === 'string' ? decodeCursor(query.cursor) : null;
    if (after === null) errors.push({ field: 'cursor', message: 'is not a cursor this API returned' });
  }
  if (query.tenant !== undefined && (typeof query.tenant !== 'string' || query.tenant === '')) {
    errors.push({ field: 'tenant', message: 'must be one tenant id' });
  }
  if (errors.length > 0) throw validationProblem('the board query is invalid', errors);
  return { state: state as AtRiskRequest['state'], limit, after };
}
