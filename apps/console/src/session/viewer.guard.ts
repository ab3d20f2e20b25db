import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiAdmission, remoteAddress, unauthorizedProblem, type ApiKeyPrincipal } from '@stageplus/http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sessionIdOf } from './session-cookie';
import { SessionStore } from './session-store';

/** Who is looking: the principal of a key, and the key, to call the timer on their behalf. */
export interface Viewer {
  readonly principal: ApiKeyPrincipal;
  readonly apiKey: string;
  /** When the session ends (ms); a bearer call's viewer lasts the request. */
  readonly expiresAt: number | null;
}

const viewers = new WeakMap<object, Viewer>();

/**
 * Lets a request through with a live session cookie (the browser, whose `EventSource` cannot send
 * headers) or an `Authorization: Bearer` key (scripts); 401 problem+json otherwise. Tenant checks
 * are each handler's (403 for a tenant the key does not cover).
 */
@Injectable()
export class ViewerGuard implements CanActivate {
  constructor(
    @Inject(ApiAdmission) private readonly admission: ApiAdmission,
    @Inject(SessionStore) private readonly sessions: SessionStore,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<IncomingMessage>();
    const authorization = request.headers.authorization;
    if (authorization !== undefined && authorization !== '') {
      const { principal, headers } = this.admission.admit(authorization, remoteAddress(request), 'read');
      const response = context.switchToHttp().getResponse<ServerResponse>();
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      viewers.set(request, { principal, apiKey: authorization.trim().split(/[ \t]+/)[1], expiresAt: null });
      return true;
    }
    const session = this.sessions.find(sessionIdOf(request.headers.cookie));
    if (session === undefined) throw unauthorizedProblem('sign in first: POST /session with an API key, or send Authorization: Bearer <key>');
    viewers.set(request, session);
    return true;
  }
}

/** The viewer `ViewerGuard` established for this request. */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer => {
  const viewer = viewers.get(context.switchToHttp().getRequest<object>());
  if (viewer === undefined) throw new Error('@CurrentViewer() is used on a route without ViewerGuard');
  return viewer;
});
