import type { TicketEvent } from '@stageplus/contracts';
import { sleep } from './stats';

/** What intake takes in one request: 1,000 events and 1 MiB. */
export const MAX_EVENTS_PER_REQUEST = 1_000;
const MAX_BODY_BYTES = 1_000_000;

export interface PostOptions {
  /** Events per request, at most 1,000 (intake's limit); fewer when 1 MiB would be exceeded. */
  readonly batchSize: number;
  /** HTTP clients posting at once. */
  readonly concurrency: number;
  /** Called after each accepted request with the events accepted so far. */
  readonly onAccepted?: (accepted: number) => void;
}

export interface PostReport {
  readonly accepted: number;
  readonly requests: number;
  /** Requests answered 503 or 429 and sent again after `Retry-After`. */
  readonly retries: number;
  readonly firstSentAt: number;
  readonly lastAcceptedAt: number;
  /** Milliseconds per request, 202 answers only. */
  readonly latencies: number[];
}

/**
 * Posts events to intake's `POST /v1/events` as a ticketing system would: JSON arrays of up to
 * 1,000 events from several concurrent clients, sending a refused-for-now batch again (same
 * `eventId`s) after `Retry-After`. Any other refusal fails the run with intake's problem text.
 */
export async function postEvents(intakeUrl: string, apiKey: string, events: readonly TicketEvent[], options: PostOptions): Promise<PostReport> {
  const batches = toBatches(events, Math.min(options.batchSize, MAX_EVENTS_PER_REQUEST));
  let next = 0;
  let accepted = 0;
  let retries = 0;
  let firstSentAt = 0;
  let lastAcceptedAt = 0;
  const latencies: number[] = [];
  const client = async () => {
    for (;;) {
      const index = next++;
      if (index >= batches.length) return;
      const body = batches[index];
      for (let attempt = 1; ; attempt++) {
        const sent = Date.now();
        if (firstSentAt === 0) firstSentAt = sent;
        const response = await fetch(`${intakeUrl}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body: body.json,
          signal: AbortSignal.timeout(60_000),
        });
        const text = await response.text();
        if (response.status === 202) {
          const now = Date.now();
          latencies.push(now - sent);
          accepted += body.count;
          lastAcceptedAt = now;
          options.onAccepted?.(accepted);
          break;
        }
        if ((response.status === 503 || response.status === 429) && attempt < 20) {
          retries++;
          await sleep(Math.min(5_000, 1_000 * Number(response.headers.get('retry-after') ?? 1)));
          continue;
        }
        throw new Error(`POST /v1/events answered ${response.status}: ${text.slice(0, 500)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, client));
  return { accepted, requests: latencies.length, retries, firstSentAt, lastAcceptedAt, latencies };
}

function toBatches(events: readonly TicketEvent[], size: number): { json: string; count: number }[] {
  const out: { json: string; count: number }[] = [];
  let current: string[] = [];
  let bytes = 2;
  const flush = () => {
    if (current.length === 0) return;
    out.push({ json: `[${current.join(',')}]`, count: current.length });
    current = [];
    bytes = 2;
  };
  for (const event of events) {
    const json = JSON.stringify(event);
    if (current.length >= size || bytes + json.length + 1 > MAX_BODY_BYTES) flush();
    current.push(json);
    bytes += json.length + 1;
  }
  flush();
  return out;
}
