import { Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { bodyParserProblem } from './body-parser-errors';
import { requireJsonContentType } from './json-content-type';
import { ProblemException } from './problem';

export interface JsonBodyOptions {
  /**
   * The largest body accepted, in bytes or as text (`100kb`, `1mb`). Larger ones are refused with
   * 413 before they are read.
   */
  readonly limit: string | number;
}

type NextFunction = (error?: unknown) => void;

/**
 * Parses JSON bodies up to `limit` and turns the parser's errors into problems; a body of another
 * media type is refused with 415 (`requireJsonContentType`). Create the app
 * with `bodyParser: false` and call this before `init()`/`listen()`.
 *
 * Why not Nest's own parser: Nest maps a JSON syntax error to a bare `BadRequestException` with
 * the parser's message (which quotes the body) before any filter sees it; mapped here first, the
 * error reaches `ProblemDetailsFilter` as a problem that names the body and quotes nothing.
 * The parser runs before Nest's middleware, so before pino-http: the refusals are logged here,
 * or no line would show them.
 */
export function useJsonBody(app: NestExpressApplication, options: JsonBodyOptions): void {
  const logger = new Logger('JsonBody');
  app.use(requireJsonContentType);
  app.useBodyParser('json', { limit: options.limit });
  app.use((error: unknown, request: IncomingMessage, _response: unknown, next: NextFunction) => {
    const problem = bodyParserProblem(error) ?? (error instanceof ProblemException ? error : null);
    if (problem !== null) {
      const path = (request.url ?? '/').split('?')[0];
      logger.warn({ method: request.method, path, status: problem.getStatus(), type: problem.problem.type }, 'request body refused');
    }
    next(problem ?? error);
  });
}
