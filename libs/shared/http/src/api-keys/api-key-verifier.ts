import { createHash, timingSafeEqual } from 'node:crypto';
import { unauthorizedProblem } from '../problems/problem';
import { ALL_TENANTS, type ApiKey } from './api-key-list';

/** Who called, as established by an API key. */
export interface ApiKeyPrincipal {
  readonly id: string;
  readonly tenants: readonly string[];
}

const BEARER = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

/**
 * Establishes the principal of an `Authorization: Bearer <key>` header. The presented key is
 * hashed and compared with every configured hash in constant time, so that neither the match
 * nor its position leaks through timing.
 */
export class ApiKeyVerifier {
  private readonly keys: readonly { readonly digest: Buffer; readonly principal: ApiKeyPrincipal }[];

  constructor(keys: readonly ApiKey[]) {
    this.keys = keys.map((key) => ({
      digest: Buffer.from(key.sha256, 'hex'),
      principal: { id: key.id, tenants: [...key.tenants] },
    }));
  }

  /** The principal of the header; throws a 401 problem when it is missing, malformed or unknown. */
  authenticate(authorization: string | undefined): ApiKeyPrincipal {
    if (authorization === undefined || authorization === '') {
      throw unauthorizedProblem('an API key is required: Authorization: Bearer <key>');
    }
    const presented = BEARER.exec(authorization)?.[1];
    if (presented === undefined) {
      throw unauthorizedProblem('the Authorization header must be: Bearer <key>', { invalidToken: true });
    }
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let found: ApiKeyPrincipal | null = null;
    for (const key of this.keys) {
      if (timingSafeEqual(key.digest, digest) && found === null) found = key.principal;
    }
    if (found === null) throw unauthorizedProblem('the API key is not valid', { invalidToken: true });
    return found;
  }
}

/** Whether the principal may act for the tenant. */
export function mayActFor(principal: ApiKeyPrincipal, tenantId: string): boolean {
  return principal.tenants.includes(ALL_TENANTS) || principal.tenants.includes(tenantId);
}

/** The tenants among `tenantIds` the principal may not act for, each once, in order of appearance. */
export function refusedTenants(principal: ApiKeyPrincipal, tenantIds: Iterable<string>): string[] {
  return [...new Set(tenantIds)].filter((tenantId) => !mayActFor(principal, tenantId));
}
