import type { NestExpressApplication } from '@nestjs/platform-express';
import { bodyParserProblem } from './body-parser-errors';
import { requireJsonContentType } from './json-content-type';

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
 * The parser runs before Nest's middleware, so before pino-http: `ProblemDetailsFilter` logs
 * its refusals, as it logs all of them.
 */
export function useJsonBody(app: NestExpressApplication, options: JsonBodyOptions): void {
  app.use(requireJsonContentType);
  app.useBodyParser('json', { limit: options.limit });
  app.use((error: unknown, _request: unknown, _response: unknown, next: NextFunction) => {
    next(bodyParserProblem(error) ?? error);
  });
}
