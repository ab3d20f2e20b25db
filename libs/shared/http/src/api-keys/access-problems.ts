import { HttpStatus } from '@nestjs/common';
import { PROBLEM_TYPES, ProblemException } from '../problems/problem';
import type { ApiScope } from './api-key-list';

/**
 * 401 `AUTH.KEY_EXPIRED`: the key was valid once. Neither the key's id nor its expiry is told: the
 * holder of an old key may not be its owner any more.
 */
export function keyExpiredProblem(): ProblemException {
  return new ProblemException(
    {
      type: PROBLEM_TYPES.keyExpired,
      title: 'API key expired',
      status: HttpStatus.UNAUTHORIZED,
      detail: 'the API key has expired: ask for a new one',
      code: 'AUTH.KEY_EXPIRED',
    },
    { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="the API key has expired"' },
  );
}

/** 403 `AUTH.SCOPE_MISSING`, naming the scope needed, also in the RFC 6750 challenge. */
export function scopeMissingProblem(principalId: string, scope: ApiScope): ProblemException {
  return new ProblemException(
    {
      type: PROBLEM_TYPES.scopeMissing,
      title: 'Scope missing',
      status: HttpStatus.FORBIDDEN,
      detail: `the API key "${principalId}" lacks the "${scope}" scope this request needs`,
      code: 'AUTH.SCOPE_MISSING',
    },
    { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${scope}"` },
  );
}

/** The `RateLimit-*` headers (IETF httpapi draft) of an answer under a limit of `limit` requests. */
export function rateLimitHeaders(limit: number, remaining: number, resetSeconds: number): Record<string, string> {
  return { 'RateLimit-Limit': String(limit), 'RateLimit-Remaining': String(remaining), 'RateLimit-Reset': String(resetSeconds) };
}

/**
 * 429 `RATE_LIMIT.EXCEEDED` with `Retry-After` in whole seconds (at least 1). `per` says whose
 * budget ran out: the key's, or the address's for requests without a valid key.
 */
export function rateLimitedProblem(per: 'key' | 'address', limit: number, retryAfterMs: number): ProblemException {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ProblemException(
    {
      type: PROBLEM_TYPES.rateLimited,
      title: 'Too many requests',
      status: HttpStatus.TOO_MANY_REQUESTS,
      detail:
        per === 'key'
          ? `this API key sent more requests than its limit allows: retry after ${seconds} s`
          : `too many requests without a valid API key from this address: retry after ${seconds} s`,
      code: 'RATE_LIMIT.EXCEEDED',
    },
    { 'Retry-After': String(seconds), ...rateLimitHeaders(limit, 0, seconds) },
  );
}
