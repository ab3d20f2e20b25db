import { request } from 'node:http';

/** An answer as it came: status, headers, body text. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/**
 * Sends a request with its path exactly as given: `fetch` would resolve `..` segments and
 * re-encode what a hostile client sends as is (the probe used curl). Rejects after `timeoutMs`.
 */
export function rawRequest(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: options.method ?? 'GET', headers: options.headers, timeout: options.timeoutMs ?? 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${path.slice(0, 80)}: no answer within ${options.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The answer's RFC 9457 problem, or an error naming what is not one. */
export function problemOf(answer: RawAnswer): Record<string, unknown> {
  const contentType = String(answer.headers['content-type'] ?? '');
  if (!contentType.startsWith('application/problem+json')) {
    throw new Error(`${answer.status} as "${contentType}", not application/problem+json: ${answer.text.slice(0, 200)}`);
  }
  const problem = JSON.parse(answer.text) as Record<string, unknown>;
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || problem.status !== answer.status) {
    throw new Error(`a problem without type, title or the answer's status: ${answer.text.slice(0, 300)}`);
  }
  return problem;
}
