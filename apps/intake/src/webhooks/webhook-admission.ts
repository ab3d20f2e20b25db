import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiAdmission, remoteAddress, type ApiKeyPrincipal } from '@stageplus/http';
import { checkSignature, isSource, PRESETS, SOURCES, type Connectors, type Source } from '@stageplus/sla-connectors';
import { unknownSourceProblem, webhookUnauthorizedProblem } from './webhook-problems';

type NextFunction = (error?: unknown) => void;
type Request = IncomingMessage & { body?: unknown; originalUrl?: string };

const principals = new WeakMap<object, ApiKeyPrincipal>();

/** The principal a webhook request was admitted as (by key or by signature). */
export function webhookPrincipalOf(request: object): ApiKeyPrincipal | undefined {
  return principals.get(request);
}

/** The source and `?tenant=` of a request to `/v1/webhooks/{source}`. */
export function webhookTarget(request: Request): { source: string; tenant: string | undefined } {
  const url = new URL(request.originalUrl ?? request.url ?? '/', 'http://intake');
  const source = decodeURIComponent(url.pathname.split('/').filter(Boolean)[2] ?? '');
  return { source, tenant: url.searchParams.get('tenant') ?? undefined };
}

/**
 * Before the body is read: an unknown source is 404; a Bearer key, or Basic whose password is the
 * key (many senders offer only Basic), is admitted by the API-key door (401, 403, 429); a request
 * with neither must carry its source's signature header and a `?tenant=` whose secret checks it,
 * which only the raw body can tell ({@link webhookSignatureCheck}).
 */
export function webhookCredentials(admission: ApiAdmission, connectors: Connectors) {
  return (request: Request, _response: ServerResponse, next: NextFunction): void => {
    try {
      const { source, tenant } = webhookTarget(request);
      if (!isSource(source)) throw unknownSourceProblem(source, SOURCES);
      const authorization = request.headers.authorization;
      if (authorization !== undefined) {
        const { principal } = admission.admit(asBearer(authorization), remoteAddress(request), 'write');
        principals.set(request, principal);
      } else if (!signed(request, source, tenant, connectors)) {
        throw webhookUnauthorizedProblem('WEBHOOK.NO_CREDENTIALS', 'send the write key as a Bearer token or as the Basic password, or sign the delivery with the secret of the connectors file and add ?tenant=');
      }
      next();
    } catch (refusal) {
      next(refusal);
    }
  };
}

/** After the raw body is read: a request admitted by neither key nor signature yet is checked here. */
export function webhookSignatureCheck(admission: ApiAdmission, connectors: Connectors) {
  return (request: Request, _response: ServerResponse, next: NextFunction): void => {
    if (principals.has(request)) return next();
    const { source, tenant } = webhookTarget(request);
    const scheme = PRESETS[source as Source].signature!;
    const secret = connectors.secretFor(source as Source, tenant!)!;
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const check = checkSignature(scheme, secret, body, request.headers as Record<string, string | undefined>);
    if (check === 'valid') {
      principals.set(request, { id: `webhook:${source}:${tenant!}`, tenants: [tenant!], scopes: ['write'], expiresAt: null });
      return next();
    }
    try {
      // A bad signature spends the address's budget as a bad key does: 429 once it is spent.
      admission.authenticate(undefined, remoteAddress(request));
    } catch (refusal) {
      if ((refusal as { getStatus?: () => number }).getStatus?.() === 429) return next(refusal);
    }
    next(webhookUnauthorizedProblem('WEBHOOK.BAD_SIGNATURE', `the ${scheme.header} signature does not match the body (${check}): check the tenant's secret in the connectors file`));
  };
}

/** Basic's password is the key; the API-key door reads Bearer only. */
function asBearer(authorization: string): string {
  const basic = /^Basic[ \t]+([A-Za-z0-9+/]+=*)[ \t]*$/i.exec(authorization);
  if (basic === null) return authorization;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return `Bearer ${colon < 0 ? decoded : decoded.slice(colon + 1)}`;
}

function signed(request: Request, source: Source, tenant: string | undefined, connectors: Connectors): boolean {
  const scheme = PRESETS[source].signature;
  if (scheme === undefined || tenant === undefined || request.headers[scheme.header] === undefined) return false;
  return connectors.secretFor(source, tenant) !== undefined;
}
