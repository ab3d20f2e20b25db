import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiScope } from './api-key-list';
import type { ApiAdmission } from './api-admission';
import { rememberPrincipal } from './request-principal';

type NextFunction = (error?: unknown) => void;

/**
 * Admits requests for `scope` before anything reads their body: mount it with `app.use(path, …)`
 * before the body parser (`useJsonBody`). A refusal goes to the exception filter as its problem
 * (401, 403, 429) while the body is still unread: nothing parses it, and Node discards it
 * unparsed once the answer is sent, so the connection stays usable.
 * `ApiKeyGuard` on the routes then finds the principal already admitted.
 */
export function apiKeyMiddleware(admission: ApiAdmission, scope: ApiScope) {
  return (request: IncomingMessage, response: ServerResponse, next: NextFunction): void => {
    try {
      const { principal, headers } = admission.admit(request.headers.authorization, remoteAddress(request), scope);
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      rememberPrincipal(request, principal);
      next();
    } catch (refusal) {
      next(refusal);
    }
  };
}

/** The peer's address: behind a reverse proxy, the proxy's (all its clients share one budget). */
export function remoteAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}
