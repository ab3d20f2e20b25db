import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { ApiKeyVerifier, type ApiKeyPrincipal } from './api-key-verifier';

const principals = new WeakMap<object, ApiKeyPrincipal>();

/**
 * Lets a request through only with a valid API key (401 problem otherwise) and keeps its principal
 * for `@CurrentPrincipal()`. The module must provide `ApiKeyVerifier`. Tenant authorization is the
 * handler's, per tenant of the payload (`refusedTenants`, `forbiddenTenantProblem`).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(ApiKeyVerifier) private readonly verifier: ApiKeyVerifier) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<IncomingMessage>();
    principals.set(request, this.verifier.authenticate(request.headers.authorization));
    return true;
  }
}

/** The principal `ApiKeyGuard` established for this request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): ApiKeyPrincipal => {
  const principal = principals.get(context.switchToHttp().getRequest<object>());
  if (principal === undefined) throw new Error('@CurrentPrincipal() is used on a route without ApiKeyGuard');
  return principal;
});
