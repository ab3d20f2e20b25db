import { z } from 'zod';
import type { ApiAccessOptions } from './api-admission';

const rate = (fallback: number, max: number) =>
  z.coerce.number().min(0, 'must be >= 0 (0 turns the limit off)').max(max, `must be at most ${max}`).default(fallback);
const burst = (fallback: number) => z.coerce.number().int('must be a whole number').min(1).max(100_000).default(fallback);

/**
 * The rate-limit variables every service with an API reads (spread them into its `readConfig`
 * shape). Requests are counted, not events: a backfill of 500,000 events in 1,000-event batches is
 * 500 requests, far below 100 per second, while a client stuck in a loop is slowed at once.
 * Limits are per instance: N instances allow N times as much.
 */
export const apiAccessVariables = {
  /** Requests per second per API key, sustained; 0 turns the per-key limit off. Default 100. */
  API_RATE_LIMIT_PER_SECOND: rate(100, 100_000),
  /** Requests a key may send at once after a quiet spell. Default 200. */
  API_RATE_LIMIT_BURST: burst(200),
  /** Requests per second per remote address without a valid key; 0 turns it off. Default 1. */
  API_RATE_LIMIT_UNAUTHENTICATED_PER_SECOND: rate(1, 100_000),
  /** Requests without a valid key an address may send at once. Default 20. */
  API_RATE_LIMIT_UNAUTHENTICATED_BURST: burst(20),
  /** A key used within this many days of its `expiresAt` is logged as a warning (hourly). Default 14. */
  API_KEY_EXPIRY_WARNING_DAYS: z.coerce.number().min(0).max(3_650).default(14),
};

type ApiAccessVariables = z.infer<z.ZodObject<typeof apiAccessVariables>>;

/** The admission options from the variables read with `apiAccessVariables`. */
export function apiAccessOptions(vars: ApiAccessVariables): ApiAccessOptions {
  return {
    perKey: vars.API_RATE_LIMIT_PER_SECOND > 0 ? { perSecond: vars.API_RATE_LIMIT_PER_SECOND, burst: vars.API_RATE_LIMIT_BURST } : null,
    perAddress:
      vars.API_RATE_LIMIT_UNAUTHENTICATED_PER_SECOND > 0
        ? { perSecond: vars.API_RATE_LIMIT_UNAUTHENTICATED_PER_SECOND, burst: vars.API_RATE_LIMIT_UNAUTHENTICATED_BURST }
        : null,
    expiryWarningMs: vars.API_KEY_EXPIRY_WARNING_DAYS * 86_400_000,
  };
}
