import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Histogram } from 'prom-client';

/** What the router leaves on a request it matched: the route's template (`/v1/tenants/:tenantId/…`). */
interface RoutedRequest extends IncomingMessage {
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: string;
}

/**
 * Times every request to the end of its response and observes it by method, route template and
 * status. The template, never the raw path, so that ticket ids do not become series; a request
 * no route handled is `unmatched`: a 404, a static file, or one an Express middleware refused
 * before routing (an API key's 401 or 429, a body's 413 or 415: the status tells which).
 */
export function httpMetricsMiddleware(histogram: Histogram<'method' | 'route' | 'status'>) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    // Whatever route is on the request now (none, mounted first with `app.use`) stays until a
    // controller's replaces it: still there at the end means that no controller matched.
    const own = (request as RoutedRequest).route;
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      histogram.observe({ method: request.method ?? 'GET', route: routeOf(request as RoutedRequest, own), status: String(response.statusCode) }, seconds);
    });
    next();
  };
}

function routeOf(request: RoutedRequest, own: RoutedRequest['route']): string {
  const path = request.route === own ? undefined : request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : 'unmatched';
}
