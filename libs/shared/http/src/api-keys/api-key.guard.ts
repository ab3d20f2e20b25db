import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiScope } from './api-key-list';
import { ApiAdmission } from './api-admission';
import { remoteAddress } from './api-key.middleware';
import type { ApiKeyPrincipal } from './api-key-verifier';
import { principalOf, rememberPrincipal } from './request-principal';

const READING = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The scope a request needs by its method: `read` to look, `write` for anything else. */
export function scopeOfMethod(method: string | undefined): ApiScope {
  return READING.has((method ?? 'GET').toUpperCase()) ? 'read' : 'write';
}

/**
 * Lets a request through only when `ApiAdmission` admits it (401, 403 or 429 problem otherwise)
 * for the scope its method needs, and keeps its principal for `@CurrentPrincipal()`. A request
 * `apiKeyMiddleware` admitted already passes as is. The module must provide `ApiAdmission`.
 * Tenant authorization is the handler's, per tenant of the payload (`refusedTenants`).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(ApiAdmission) private readonly admission: ApiAdmission) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<IncomingMessage>();
    if (principalOf(request) !== undefined) return true;
    const { principal, headers } = this.admission.admit(request.headers.authorization, remoteAddress(request), scopeOfMethod(request.method));
    const response = context.switchToHttp().getResponse<ServerResponse>();
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    rememberPrincipal(request, principal);
    return true;
  }
}

/** The principal `ApiKeyGuard` or `apiKeyMiddleware` established for this request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): ApiKeyPrincipal => {
  const principal = principalOf(context.switchToHttp().getRequest<object>());
  if (principal === undefined) throw new Error('@CurrentPrincipal() is used on a route without ApiKeyGuard');
  return principal;
});
