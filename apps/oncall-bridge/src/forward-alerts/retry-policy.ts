/** What one POST to the webhook came to. */
export type AttemptOutcome =
  | { readonly kind: 'delivered'; readonly status: number }
  /** Worth trying again: the receiver is away (no connection, timeout), overloaded (5xx) or throttling (408, 429). */
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs?: number }
  /** The receiver refuses this event (any other 4xx, an unexpected 3xx): sending it again would not change its answer. */
  | { readonly kind: 'rejected'; readonly status: number; readonly reason: string };

/** A `Retry-After` is honoured up to this (ms): past it, the bridge would look dead. */
export const RETRY_AFTER_CAP_MS = 600_000;

/** The outcome of an HTTP answer; `body` is an excerpt, for the logs and dead letters. */
export function classifyResponse(status: number, retryAfter: string | null, body: string, now: number): AttemptOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  const reason = `HTTP ${status}${body ? `: ${body}` : ''}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    return retryAfterMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs };
  }
  return { kind: 'rejected', status, reason };
}

/** `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, ms));
}

export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * How long to wait before attempt `attempt + 1`: exponential with "equal jitter" (half of
 * `min(max, base * 2^attempt)`, plus a uniform draw up to the other half): it keeps growing, and
 * bridges retrying after the same outage do not hit the receiver in step. A `Retry-After` is a floor: the receiver said when to come back.
 * `random` is in [0, 1).
 */
export function retryDelayMs(attempt: number, outcome: { readonly retryAfterMs?: number }, options: BackoffOptions, random: number): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  const jittered = Math.floor(ceiling / 2 + random * (ceiling / 2));
  return outcome.retryAfterMs === undefined ? jittered : Math.max(outcome.retryAfterMs, jittered);
}
