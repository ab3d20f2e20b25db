import { hostname } from 'node:os';
import type { Params } from 'nestjs-pino';
import pino, { destination, type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import type { Options } from 'pino-http';
import pretty from 'pino-pretty';
import { refusalLogged } from './refusal-logger';

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

/** Probes and scrapes come every few seconds (orchestrators, Prometheus): their requests are not logged. */
const notLogged = (request: { url?: string }): boolean => /^\/(health|metrics)(\/|\?|$)/.test(request.url ?? '');

/**
 * `LoggerModule.forRoot(loggerOptions({ level, format, service }))`: request logs and Nest's logs
 * through pino, with the status deciding the level (5xx error, 4xx warn, unless the problem filter
 * logged the refusal already, rate-limited: `RefusalLogger`).
 *
 * Both formats are written synchronously, in the service's own thread. pino's default stdout
 * stream is buffered and flushed on the `exit` event, and a transport (pino-pretty's default)
 * writes from a worker thread, but Nest's shutdown hooks end the process by re-raising the
 * signal, which emits no `exit`: the shutdown lines (producer disconnected, a drain that failed)
 * would be lost, as they were under `npm start` (pretty) until pino-pretty ran in-process.
 */
export function loggerOptions(settings: LoggerSettings): Params {
  const options: Options = {
    level: settings.level,
    base: { service: settings.service, pid: process.pid, hostname: hostname() },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    autoLogging: { ignore: notLogged },
    customLogLevel: (_request, response, error) => {
      if (error !== undefined || response.statusCode >= 500) return 'error';
      // A refusal the problem filter logged (or counted into its summary) is not logged twice.
      if (response.statusCode >= 400) return refusalLogged(response) ? 'silent' : 'warn';
      return 'info';
    },
  };
  const stream =
    settings.format === 'pretty'
      ? pretty({ singleLine: true, translateTime: 'SYS:standard', ignore: 'pid,hostname', destination: 1, sync: true })
      : destination({ dest: 1, sync: true });
  return { pinoHttp: [options, stream] };
}

/** One pino logger for a whole service, and the `LoggerModule` params that route Nest through it. */
export interface ServiceLogging {
  /** For adapters that log outside Nest (kafkajs, Redis, BullMQ). */
  readonly logger: Logger;
  /** For `LoggerModule.forRoot`: Nest's and the request logs, through the same logger. */
  readonly params: Params;
}

/**
 * The service's logger shaped by `loggerOptions`, shared by Nest and the adapters so that every
 * line of a service looks the same. Health probes and metrics scrapes are not logged: they come often.
 */
export function serviceLogging(settings: LoggerSettings): ServiceLogging {
  const [options, stream] = loggerOptions(settings).pinoHttp as [Options, DestinationStream];
  const logger = pino(options, stream);
  return {
    logger,
    params: {
      pinoHttp: {
        logger,
        customLogLevel: options.customLogLevel,
        autoLogging: { ignore: notLogged },
      },
    },
  };
}
