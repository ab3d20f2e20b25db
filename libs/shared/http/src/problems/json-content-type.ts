import { HttpStatus } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { ProblemException } from './problem';

/** The one media type the JSON APIs read. */
export const JSON_MEDIA_TYPE = 'application/json';

/** The part of Express's request this check reads: `req.is` matches the media type, ignoring parameters. */
type ExpressRequest = IncomingMessage & { is(type: string): string | false | null };

type NextFunction = (error?: unknown) => void;

/**
 * Whether the request carries a body, as body-parser decides it: a length or a chunked encoding.
 * A request without one is left to the handler (a bodiless POST is a validation matter).
 */
function hasBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || request.headers['content-length'] !== undefined;
}

/** 415: the body is sent as something else than `application/json`; nothing was read. */
export function unsupportedMediaTypeProblem(contentType: string | undefined): ProblemException {
  const sent = contentType === undefined ? 'without a Content-Type' : 'as another media type';
  return new ProblemException({
    type: 'about:blank',
    title: 'Unsupported Media Type',
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    detail: `the request body was sent ${sent}; send it as ${JSON_MEDIA_TYPE}`,
  });
}

/**
 * Express middleware refusing, with 415, a body that is not `application/json` (`text/plain`, a
 * form, none named). Without it the JSON parser skips such a body and the handler sees none: a 400
 * that tells the client its event is missing when it is the media type that is wrong. The
 * charset (`application/json; charset=latin1`) is the parser's to refuse, also with 415. The sent
 * type is not echoed: it is the caller's text, of any length.
 */
export function requireJsonContentType(request: ExpressRequest, _response: unknown, next: NextFunction): void {
  if (!hasBody(request) || request.is(JSON_MEDIA_TYPE)) {
    next();
    return;
  }
  next(unsupportedMediaTypeProblem(request.headers['content-type']));
}
