import { Logger } from '@nestjs/common';
import { ProblemException } from '../problems/problem';
import { RateLimiter } from '../rate-limit/rate-limiter';
import type { BucketRate } from '../rate-limit/token-bucket';
import { rateLimitedProblem, rateLimitHeaders, scopeMissingProblem } from './access-problems';
import type { ApiScope } from './api-key-list';
import type { ApiKeyPrincipal, ApiKeyVerifier } from './api-key-verifier';

/** How requests with API keys are admitted; see `apiAccessVariables` for the defaults. */
export interface ApiAccessOptions {
  /** Requests per key id (all of its hashes together), per instance; null: no limit. */
  readonly perKey: BucketRate | null;
  /** Requests without a valid key, per remote address, per instance; null: no limit. */
  readonly perAddress: BucketRate | null;
  /** A key used within this many ms of its expiry is logged as a warning (at most hourly per key). */
  readonly expiryWarningMs: number;
}

/** A request admitted: who, and the `RateLimit-*` headers to answer with. */
export interface Admitted {
  readonly principal: ApiKeyPrincipal;
  readonly headers: Readonly<Record<string, string>>;
}

const WARN_EVERY_MS = 3_600_000;

/**
 * The one door of a service's API: authenticates the key (401), holds it to its rate (429),
 * checks the scope (403). Requests without a valid key spend their address's budget, and once it
 * is spent get 429 instead of 401: a flood of bad keys is answered without a line of log each.
 */
export class ApiAdmission {
  private readonly logger = new Logger('ApiKeys');
  private readonly perKey: RateLimiter | null;
  private readonly perAddress: RateLimiter | null;
  private readonly warnedAt = new Map<string, number>();

  constructor(
    readonly verifier: ApiKeyVerifier,
    private readonly options: ApiAccessOptions,
    private readonly clock: () => number = Date.now,
  ) {
    this.perKey = options.perKey === null ? null : new RateLimiter(options.perKey);
    this.perAddress = options.perAddress === null ? null : new RateLimiter(options.perAddress);
  }

  /** Admits a request for `scope` or throws its problem (401, 403 or 429). */
  admit(authorization: string | undefined, address: string, scope: ApiScope): Admitted {
    const principal = this.authenticate(authorization, address);
    let headers: Record<string, string> = {};
    if (this.perKey !== null) {
      const taken = this.perKey.take(principal.id, this.clock());
      if (!taken.allowed) throw rateLimitedProblem('key', this.perKey.rate.burst, taken.retryAfterMs);
      const reset = Math.ceil((this.perKey.rate.burst - taken.remaining) / this.perKey.rate.perSecond);
      headers = rateLimitHeaders(this.perKey.rate.burst, taken.remaining, reset);
    }
    if (!principal.scopes.includes(scope)) throw withHeaders(scopeMissingProblem(principal.id, scope), headers);
    return { principal, headers };
  }

  /**
   * The principal of the key, without rate or scope (a sign-in form carries its key in the body),
   * charging the address for a refusal.
   */
  authenticate(authorization: string | undefined, address: string): ApiKeyPrincipal {
    const now = this.clock();
    let principal: ApiKeyPrincipal;
    try {
      principal = this.verifier.authenticate(authorization, now);
    } catch (refusal) {
      const taken = this.perAddress?.take(address, now);
      if (taken !== undefined && !taken.allowed) throw rateLimitedProblem('address', this.perAddress!.rate.burst, taken.retryAfterMs);
      throw refusal;
    }
    this.warnIfExpiringSoon(principal, now);
    return principal;
  }

  private warnIfExpiringSoon(principal: ApiKeyPrincipal, now: number): void {
    if (principal.expiresAt === null || principal.expiresAt - now > this.options.expiryWarningMs) return;
    const last = this.warnedAt.get(principal.id);
    if (last !== undefined && now - last < WARN_EVERY_MS) return;
    this.warnedAt.set(principal.id, now);
    const days = Math.max(0, Math.floor((principal.expiresAt - now) / 86_400_000));
    this.logger.warn(
      { keyId: principal.id, expiresAt: new Date(principal.expiresAt).toISOString() },
      `API key "${principal.id}" expires in ${days} day(s): rotate it (README, "API keys")`,
    );
  }
}

function withHeaders(problem: ProblemException, headers: Readonly<Record<string, string>>): ProblemException {
  return new ProblemException(problem.problem, { ...headers, ...problem.headers });
}
