import { parseTicketEvent, ticketKey } from '@stageplus/contracts';
import type { TopicRecord } from '@stageplus/kafka';
import type { FuzzCaller, FuzzRequest } from './intake-fuzz-requests';

/** What intake answered to one fuzzed request. */
export interface FuzzAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly retryAfter: string | null;
  readonly text: string;
}

/** The tenants each caller may write for, as the fuzz suite configures its keys. */
export type CallerTenants = Readonly<Record<FuzzCaller, readonly string[]>>;

/** Callers without a valid key: refused before their body is read, whatever it holds. */
const KEYLESS: readonly FuzzCaller[] = ['none', 'unknown-key', 'basic-scheme'];

/**
 * What is wrong with an answer, or null when it is one a correct intake may give (the probe's
 * table, and issue 8's fixes): never a 5xx; every error an RFC 9457 problem whose `status` is the
 * HTTP status; 401 (429 once the address's budget is spent) for a caller without a valid key,
 * whatever the body; `Retry-After` on every 429; a 202 only for a JSON body of 1 to 1,000
 * schema-valid events with distinct ids, all of tenants the caller may write for, with a receipt
 * naming exactly those events.
 */
export function answerProblem(request: FuzzRequest, answer: FuzzAnswer, callers: CallerTenants): string | null {
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (KEYLESS.includes(request.caller) && answer.status !== 401 && answer.status !== 429) {
    return `answered ${answer.status} to a caller without a valid key: the key is checked before the body`;
  }
  if (answer.status === 429 && answer.retryAfter === null) return 'answered 429 without Retry-After';
  if (answer.status >= 400) return problemShapeError(answer);
  if (answer.status !== 202) return `answered ${answer.status}, expected 202 or a 4xx problem`;
  const refusal = whyRefuse(request, callers);
  if (refusal !== null) return `accepted (202) although ${refusal}`;
  const sent = eventsOf(request) as { eventId: string }[];
  const receipt = JSON.parse(answer.text) as { eventIds?: unknown };
  if (JSON.stringify(receipt.eventIds) !== JSON.stringify(sent.map((e) => e.eventId))) return `the receipt names other events: ${answer.text.slice(0, 300)}`;
  return null;
}

/** Events a 202 put on the topic: those of the request (call only for an accepted request). */
export function acceptedEventIds(request: FuzzRequest): string[] {
  return (eventsOf(request) as { eventId: string }[]).map((e) => e.eventId);
}

function problemShapeError(answer: FuzzAnswer): string | null {
  if (!answer.contentType.startsWith('application/problem+json')) {
    return `answered ${answer.status} as "${answer.contentType}", not application/problem+json: ${answer.text.slice(0, 200)}`;
  }
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    return `answered ${answer.status} with a problem that is not JSON: ${answer.text.slice(0, 200)}`;
  }
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || problem.status !== answer.status) {
    return `answered ${answer.status} with a problem lacking type, title or the same status: ${answer.text.slice(0, 300)}`;
  }
  if (problem.code !== undefined && (typeof problem.code !== 'string' || !/^[A-Z_]+(\.[A-Z_]+)+$/.test(problem.code))) {
    return `answered ${answer.status} with a code that is not a stable DOMAIN.REASON: ${String(problem.code)}`;
  }
  return null;
}

/** Why a correct intake must refuse the request, or null when it may accept it. */
function whyRefuse(request: FuzzRequest, callers: CallerTenants): string | null {
  const mediaType = request.contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType === undefined || !/^application\/([\w.-]+\+)?json$/.test(mediaType)) return `the content type is ${String(request.contentType)}`;
  let events: unknown[];
  try {
    events = eventsOf(request);
  } catch {
    return 'the body is not JSON';
  }
  if (events.length < 1 || events.length > 1_000) return `the body holds ${events.length} events`;
  const invalid = events.findIndex((e) => !parseTicketEvent(e).ok);
  if (invalid !== -1) return `event [${invalid}] is not a valid ticket event`;
  const ids = events.map((e) => (e as { eventId: string }).eventId);
  if (new Set(ids).size !== ids.length) return 'an eventId repeats in the batch';
  const allowed = callers[request.caller];
  const foreign = events.map((e) => (e as { tenantId: string }).tenantId).filter((t) => !allowed.includes(t));
  if (foreign.length > 0) return `${request.caller} may not write for ${foreign[0]}`;
  return null;
}

/** The events of a JSON body (one event is a batch of one); throws when the body is not JSON. */
function eventsOf(request: FuzzRequest): unknown[] {
  const text = typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('utf8');
  const body: unknown = JSON.parse(text);
  if (Array.isArray(body)) return body;
  return body !== null && typeof body === 'object' ? [body] : [];
}

/** What is wrong with the records on the topic after the run, given the eventIds of every 202. */
export function topicProblems(records: readonly TopicRecord[], accepted: readonly string[]): string[] {
  const problems: string[] = [];
  const published: string[] = [];
  for (const record of records) {
    const where = `${record.partition}@${record.offset}`;
    let value: unknown;
    try {
      value = JSON.parse(record.value?.toString('utf8') ?? 'null');
    } catch {
      problems.push(`${where}: not JSON`);
      continue;
    }
    const parsed = parseTicketEvent(value);
    if (!parsed.ok) {
      problems.push(`${where}: not a valid ticket event (${parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; ')})`);
      continue;
    }
    if (record.key !== ticketKey(parsed.value.tenantId, parsed.value.ticketId)) problems.push(`${where}: key ${record.key} does not match its body`);
    published.push(parsed.value.eventId);
  }
  const sorted = (ids: readonly string[]) => [...ids].sort().join('\n');
  if (published.length !== accepted.length) problems.push(`${published.length} events published, ${accepted.length} accepted in 202 answers`);
  else if (sorted(published) !== sorted(accepted)) problems.push('the events published are not the events accepted');
  return problems;
}
