import type { IncomingMessage, ServerResponse } from 'node:http';
import { payloadTooLargeProblem } from '@stageplus/http';

type NextFunction = (error?: unknown) => void;

const UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** `INTAKE_BODY_LIMIT`'s notation (`512kb`, `1mb`) in bytes. */
export function bodyLimitBytes(limit: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(limit);
  if (match === null) throw new Error(`not a body size: ${limit}`);
  return Number(match[1]) * UNITS[match[2].toLowerCase()];
}

/**
 * Reads the body as bytes into `request.body`, up to `limitBytes` (413 past it): signatures are
 * computed on the exact bytes sent, which a parse and re-serialisation would not give back.
 * Marks the body read, so that the JSON parser mounted after leaves it alone.
 */
export function readRawBody(limitBytes: number) {
  return (request: IncomingMessage & { body?: unknown; _body?: boolean }, _response: ServerResponse, next: NextFunction): void => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limitBytes) return next(payloadTooLargeProblem(`the body is larger than ${limitBytes} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      if (error === undefined) {
        request.body = Buffer.concat(chunks);
        request._body = true;
      }
      next(error);
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        request.pause();
        finish(payloadTooLargeProblem(`the body is larger than ${limitBytes} bytes`));
      } else chunks.push(chunk);
    });
    request.on('end', () => finish());
    request.on('error', (error) => finish(error));
  };
}
