import { STATUS_CODES } from 'node:http';
import { payloadTooLargeProblem, ProblemException, validationProblem } from './problem';

/** The fields body-parser (raw-body, http-errors) sets on the errors it passes to `next`. */
interface BodyParserError {
  readonly type: string;
  readonly status: number;
  readonly expose?: boolean;
  readonly limit?: number;
  readonly message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const e = error as Partial<BodyParserError> | null;
  return e !== null && typeof e === 'object' && typeof e.type === 'string' && typeof e.status === 'number';
}

/**
 * The problem for an error of the JSON body parser, or null when `error` is not one. Its own
 * message is echoed only when body-parser marks it safe to expose; a parse error's message quotes
 * the body, so it is never echoed.
 */
export function bodyParserProblem(error: unknown): ProblemException | null {
  if (!isBodyParserError(error)) return null;
  switch (error.type) {
    case 'entity.too.large':
      return payloadTooLargeProblem(
        error.limit === undefined
          ? 'the request body is larger than this service accepts'
          : `the request body is larger than this service accepts (${error.limit} bytes)`,
      );
    case 'entity.parse.failed':
      return validationProblem('the request body is not valid JSON', [{ field: '(body)', message: 'is not valid JSON' }]);
    default:
      if (error.status < 400 || error.status >= 500 || error.expose !== true) return null;
      return new ProblemException({
        type: 'about:blank',
        title: STATUS_CODES[error.status] ?? 'Bad Request',
        status: error.status,
        detail: `the request body could not be read: ${error.message}`,
      });
  }
}
