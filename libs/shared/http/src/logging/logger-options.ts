import { hostname } from 'node:os';
import type { Params } from 'nestjs-pino';
import { destination, type LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';

export interface LoggerSettings {
  readonly level: LevelWithSilent;
  /** `json` (one object per line, for collectors) or `pretty` (pino-pretty, one line each, for people). */
  readonly format: 'json' | 'pretty';
  /** Added to every line as `service`. */
  readonly service: string;
}

/**
 * Where credentials sit in request logs: censored, whatever the route. Keys arrive only in
 * `Authorization`; the others are there so that nobody adds them unnoticed.
 */
const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]'];

/**
 * `LoggerModule.forRoot(loggerOptions({ level, format, service }))`: request logs and Nest's logs
 * through pino, with the status deciding the level (5xx error, 4xx warn).
 *
 * JSON lines are written synchronously. pino's default stdout stream is buffered and flushed on
 * the `exit` event, but Nest's shutdown hooks end the process by re-raising the signal, which
 * emits no `exit`: the shutdown lines (producer disconnected, a drain that failed) would be lost.
 * `pretty` goes through pino-pretty's worker thread and may lose them; it is for people at a
 * terminal.
 */
export function loggerOptions(settings: LoggerSettings): Params {
  const options: Options = {
    level: settings.level,
    base: { service: settings.service, pid: process.pid, hostname: hostname() },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    customLogLevel: (_request, response, error) => {
      if (error !== undefined || response.statusCode >= 500) return 'error';
      return response.statusCode >= 400 ? 'warn' : 'info';
    },
  };
  if (settings.format === 'pretty') {
    const transport = { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:standard', ignore: 'pid,hostname' } };
    return { pinoHttp: { ...options, transport } };
  }
  return { pinoHttp: [options, destination({ dest: 1, sync: true })] };
}
