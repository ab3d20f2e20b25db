import { createServer, type Server } from 'node:http';

/** How the receiver answers a request: a status, and optionally a `Retry-After`. */
export type Answer = { readonly status: number; readonly retryAfter?: string };

/**
 * An on-call webhook on a loopback port (node:http), for the bridge's tests: records every body
 * it answered 2xx, counts every request, answers what `answer` says, and can go down (the port
 * refuses connections) and come back on the same port.
 */
export class WebhookReceiver {
  /** Bodies answered 2xx, in arrival order. */
  readonly received: unknown[] = [];
  /** Every request, whatever the answer. */
  requests = 0;
  answer: (body: unknown) => Answer = () => ({ status: 202 });
  private server: Server | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async up(): Promise<this> {
    if (this.server !== null) return this;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requests++;
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
        const answer = this.answer(body);
        if (answer.status >= 200 && answer.status < 300) this.received.push(body);
        response.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.retryAfter ? { 'retry-after': answer.retryAfter } : {}) });
        response.end(JSON.stringify({ status: answer.status < 300 ? 'success' : 'refused' }));
      });
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.port, '127.0.0.1', () => resolve()));
    this.server = server;
    return this;
  }

  /** Stops listening: connections are refused until `up()`. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
