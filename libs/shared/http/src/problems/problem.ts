import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * Stable `type` URIs of the problems these APIs answer with. Clients branch on `type`, never on
 * `title` or `detail`, which are for people and may change.
 */
export const PROBLEM_TYPES = {
  validation: 'urn:stageplus:problem:validation',
  unauthorized: 'urn:stageplus:problem:unauthorized',
  forbiddenTenant: 'urn:stageplus:problem:forbidden-tenant',
  unavailable: 'urn:stageplus:problem:unavailable',
  payloadTooLarge: 'urn:stageplus:problem:payload-too-large',
  keyExpired: 'urn:stageplus:problem:key-expired',
  scopeMissing: 'urn:stageplus:problem:scope-missing',
  rateLimited: 'urn:stageplus:problem:rate-limited',
} as const;

/** One invalid field: `occurredAt`, `[3].impact`, or `(body)` for the body as a whole. */
export interface ProblemFieldError {
  readonly field: string;
  readonly message: string;
}

/** An RFC 9457 problem as rendered (`application/problem+json`). */
export interface ProblemDetails {
  /** A URI naming the kind of problem; `about:blank` when the HTTP status says it all. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The request path the problem occurred on. */
  readonly instance: string;
  readonly errors?: readonly ProblemFieldError[];
  /** A stable code for the refusal where `type` is shared or coarse (`AUTH.KEY_EXPIRED`). */
  readonly code?: string;
}

/** What a thrower knows of a problem: everything but the `instance`, which the filter adds. */
export type Problem = Omit<ProblemDetails, 'instance'>;

/**
 * An HTTP error that `ProblemDetailsFilter` renders as is, with its response headers
 * (`WWW-Authenticate`, `Retry-After`). Build one with the `…Problem` functions below.
 */
export class ProblemException extends HttpException {
  constructor(
    readonly problem: Problem,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem, problem.status);
    this.name = 'ProblemException';
  }
}

/** 400: the request does not hold; `errors` names every bad field at once. */
export function validationProblem(detail: string, errors: readonly ProblemFieldError[] = []): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.validation,
    title: 'Invalid request',
    status: HttpStatus.BAD_REQUEST,
    detail,
    ...(errors.length > 0 ? { errors } : {}),
  });
}

/**
 * 401 with a `WWW-Authenticate: Bearer` challenge (RFC 6750): `error="invalid_token"` when a key
 * was presented but is not known, a bare challenge when none was.
 */
export function unauthorizedProblem(detail: string, options: { invalidToken?: boolean } = {}): ProblemException {
  return new ProblemException(
    { type: PROBLEM_TYPES.unauthorized, title: 'Unauthorized', status: HttpStatus.UNAUTHORIZED, detail },
    { 'WWW-Authenticate': options.invalidToken ? 'Bearer error="invalid_token"' : 'Bearer' },
  );
}

/** 403: the caller is authenticated but may not act for these tenants. */
export function forbiddenTenantProblem(principalId: string, tenantIds: readonly string[]): ProblemException {
  const names = tenantIds.map((t) => `"${t}"`).join(', ');
  return new ProblemException({
    type: PROBLEM_TYPES.forbiddenTenant,
    title: 'Forbidden tenant',
    status: HttpStatus.FORBIDDEN,
    detail: `the API key "${principalId}" may not act for tenant${tenantIds.length > 1 ? 's' : ''} ${names}`,
  });
}

/**
 * 503 with `Retry-After` (seconds): a dependency (the broker) did not take the request; nothing
 * was done and the same request may be sent again.
 */
export function unavailableProblem(detail: string, retryAfterSeconds = 5): ProblemException {
  return new ProblemException(
    { type: PROBLEM_TYPES.unavailable, title: 'Service unavailable', status: HttpStatus.SERVICE_UNAVAILABLE, detail },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

/** 413: the body is larger than the service accepts. */
export function payloadTooLargeProblem(detail: string): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.payloadTooLarge,
    title: 'Payload too large',
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    detail,
  });
}
