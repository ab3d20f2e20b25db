import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { principalOf } from '../api-keys/request-principal';
import { RefusalLogger } from '../logging/refusal-logger';
import { bodyParserProblem } from './body-parser-errors';
import { printable } from './printable';
import { ProblemException, type ProblemDetails } from './problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The common start of `PROBLEM_TYPES`: what follows it names a refusal in logs (`validation`). */
const PROBLEM_TYPE_PREFIX = 'urn:stageplus:problem:';

/**
 * Renders every error of an HTTP request as RFC 9457 `application/problem+json`:
 * - a `ProblemException` as thrown, with its headers;
 * - any other `HttpException` (Nest's 404 for an unknown route, a guard's 403) as `about:blank`
 *   with the status's title and the exception's message as detail;
 * - body-parser errors (too large, not JSON) as their problems;
 * - anything else as a 500 that says nothing of the cause, which is logged instead.
 *
 * Refusals (4xx) are logged here, at most a few per code and API key a minute, then summed up.
 *
 * `detail` and `instance` echo the caller's path and ids: they are cut to 256 characters and
 * their control characters replaced (`printable`).
 *
 * Register it once, globally (`APP_FILTER` or `app.useGlobalFilters`). HTTP only: in other
 * contexts (a Kafka handler of a hybrid app) it rethrows so that their own handling applies.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);
  private readonly refusals = new RefusalLogger(this.logger);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<IncomingMessage & { originalUrl?: string }>();
    const response = http.getResponse<ServerResponse>();
    const problem = this.toProblem(exception);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    // The path and Nest's own messages ("Cannot GET /…") are the caller's text: bounded and printable.
    const body: ProblemDetails = { ...problem.problem, detail: printable(problem.problem.detail), instance: printable(requestPath(request)) };
    response.statusCode = body.status;
    for (const [name, value] of Object.entries(problem.headers)) response.setHeader(name, value);
    response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    if (body.status < 500) this.logRefusal(request, response, body);
    response.end(JSON.stringify(body));
  }

  /**
   * Every refusal passes here, those of middleware (body parser, API keys) included, which the
   * request logger never sees: logged here, rate-limited per code and key (`RefusalLogger`).
   */
  private logRefusal(request: IncomingMessage, response: ServerResponse, body: ProblemDetails): void {
    const code = body.code ?? (body.type.startsWith(PROBLEM_TYPE_PREFIX) ? body.type.slice(PROBLEM_TYPE_PREFIX.length) : `http-${body.status}`);
    const fields = body.errors?.slice(0, 10).map((e) => e.field);
    const line = { method: request.method, path: body.instance, status: body.status, detail: body.detail, ...(fields ? { fields } : {}) };
    this.refusals.refused({ code, keyId: principalOf(request)?.id ?? 'none' }, line, response);
  }

  private toProblem(exception: unknown): ProblemException {
    if (exception instanceof ProblemException) return exception;
    const fromParser = bodyParserProblem(exception);
    if (fromParser !== null) return fromParser;
    if (exception instanceof HttpException) return fromHttpException(exception);
    this.logger.error(exception instanceof Error ? exception : { err: exception }, 'unhandled error');
    return new ProblemException({
      type: 'about:blank',
      title: STATUS_CODES[500] as string,
      status: 500,
      detail: 'the request could not be processed; the error is logged',
    });
  }
}

function fromHttpException(exception: HttpException): ProblemException {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
  return new ProblemException({ type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail });
}

/** The path without its query string: a query may carry what the logs and caller should not see twice. */
function requestPath(request: IncomingMessage & { originalUrl?: string }): string {
  const url = request.originalUrl ?? request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
