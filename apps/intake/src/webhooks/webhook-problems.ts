import { HttpStatus } from '@nestjs/common';
import { PROBLEM_TYPES, ProblemException, type ProblemFieldError } from '@stageplus/http';

/** Stable codes of the refusals of `POST /v1/webhooks/{source}`. */
export type WebhookProblemCode =
  | 'WEBHOOK.UNKNOWN_SOURCE'
  | 'WEBHOOK.NO_CREDENTIALS'
  | 'WEBHOOK.BAD_SIGNATURE'
  | 'WEBHOOK.TENANT_MISSING'
  | 'WEBHOOK.NOT_JSON'
  | 'WEBHOOK.UNREADABLE_PAYLOAD'
  | 'WEBHOOK.UNMAPPED_VALUE';

/** 404: no preset has this name. */
export function unknownSourceProblem(source: string, known: readonly string[]): ProblemException {
  return new ProblemException({
    type: 'about:blank',
    title: 'Not Found',
    status: HttpStatus.NOT_FOUND,
    detail: `no webhook source "${source.slice(0, 64)}": one of ${known.join(', ')}`,
    code: 'WEBHOOK.UNKNOWN_SOURCE',
  });
}

/** 401 with the challenges a sender can answer: a Bearer key, Basic with the key as password. */
export function webhookUnauthorizedProblem(code: WebhookProblemCode, detail: string): ProblemException {
  return new ProblemException(
    { type: PROBLEM_TYPES.unauthorized, title: 'Unauthorized', status: HttpStatus.UNAUTHORIZED, detail, code },
    { 'WWW-Authenticate': 'Bearer, Basic realm="stageplus-intake"' },
  );
}

/** 400 naming the mapping field (and its JSONata expression) or the part of the request at fault. */
export function webhookInvalidProblem(code: WebhookProblemCode, detail: string, errors: readonly ProblemFieldError[]): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.validation,
    title: 'Invalid request',
    status: HttpStatus.BAD_REQUEST,
    detail,
    code,
    ...(errors.length > 0 ? { errors } : {}),
  });
}
