import { createHash, timingSafeEqual } from 'node:crypto';
import { unauthorizedProblem } from '../problems/problem';
import { keyExpiredProblem } from './access-problems';
import { ALL_TENANTS, type ApiKey, type ApiScope } from './api-key-list';

/** Who called, as established by an API key. */
export interface ApiKeyPrincipal {
  readonly id: string;
  readonly tenants: readonly string[];
  readonly scopes: readonly ApiScope[];
  /** When the presented key stops working (ms since the epoch), or null: never. */
  readonly expiresAt: number | null;
}

const BEARER = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

interface Entry {
  readonly digest: Buffer;
  readonly principal: ApiKeyPrincipal;
}

/**
 * Establishes the principal of an `Authorization: Bearer <key>` header, at the `now` given.
 *
 * The presented key is hashed, the hash looked up in a map (O(1) however many keys and rotations
 * are configured), and the match confirmed with `timingSafeEqual`. Looking up by hash leaks
 * nothing of the key through timing: to steer the lookup one must already know the key's
 * SHA-256, whose preimage cannot be found.
 */
export class ApiKeyVerifier {
  private readonly byHash = new Map<string, Entry>();

  constructor(keys: readonly ApiKey[]) {
    for (const key of keys) {
      for (const hash of key.hashes) {
        const principal = { id: key.id, tenants: [...key.tenants], scopes: [...key.scopes], expiresAt: hash.expiresAt };
        this.byHash.set(hash.sha256, { digest: Buffer.from(hash.sha256, 'hex'), principal });
      }
    }
  }

  /**
   * The principal of the header at `now` (ms); throws a 401 problem when it is missing, malformed,
   * unknown or expired.
   */
  authenticate(authorization: string | undefined, now: number): ApiKeyPrincipal {
    if (authorization === undefined || authorization === '') {
      throw unauthorizedProblem('an API key is required: Authorization: Bearer <key>');
    }
    const presented = BEARER.exec(authorization)?.[1];
    if (presented === undefined) {
      throw unauthorizedProblem('the Authorization header must be: Bearer <key>', { invalidToken: true });
    }
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    const entry = this.byHash.get(digest.toString('hex'));
    if (entry === undefined || !timingSafeEqual(entry.digest, digest)) {
      throw unauthorizedProblem('the API key is not valid', { invalidToken: true });
    }
    if (entry.principal.expiresAt !== null && entry.principal.expiresAt <= now) throw keyExpiredProblem();
    return entry.principal;
  }
}

/** Whether the principal may act for the tenant. */
export function mayActFor(principal: Pick<ApiKeyPrincipal, 'tenants'>, tenantId: string): boolean {
  return principal.tenants.includes(ALL_TENANTS) || principal.tenants.includes(tenantId);
}

/** The tenants among `tenantIds` the principal may not act for, each once, in order of appearance. */
export function refusedTenants(principal: Pick<ApiKeyPrincipal, 'tenants'>, tenantIds: Iterable<string>): string[] {
  return [...new Set(tenantIds)].filter((tenantId) => !mayActFor(principal, tenantId));
}
