import type { ApiKeyPrincipal } from './api-key-verifier';

const principals = new WeakMap<object, ApiKeyPrincipal>();

/** Keeps the principal admitted for a request, for `@CurrentPrincipal()`. */
export function rememberPrincipal(request: object, principal: ApiKeyPrincipal): void {
  principals.set(request, principal);
}

/** The principal admitted for a request, if any. */
export function principalOf(request: object): ApiKeyPrincipal | undefined {
  return principals.get(request);
}
