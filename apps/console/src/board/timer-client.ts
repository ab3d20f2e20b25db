import { ProblemException, unavailableProblem } from '@stageplus/http';

/** How long the console waits for the timer before telling the page it is unavailable. */
const TIMEOUT_MS = 5_000;

const TITLES: Readonly<Record<number, string>> = { 400: 'Invalid request', 401: 'Unauthorized', 403: 'Forbidden tenant', 404: 'Not found' };

/**
 * The timer's read API, called with the viewer's own key: the timer checks it again, so the
 * console can never show more than the key may read, whatever its own checks say.
 */
export class TimerClient {
  constructor(private readonly baseUrl: string) {}

  /** The JSON of a 200; a timer refusal becomes the same status as a problem, a silence a 503. */
  async get(path: string, apiKey: string, query: Readonly<Record<string, string | undefined>> = {}): Promise<unknown> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      throw unavailableProblem('the timer does not answer; the board and ticket pages come back when it does');
    }
    const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (response.ok) return body;
    throw refusal(response, body);
  }
}

function refusal(response: Response, body: Record<string, unknown> | null): ProblemException {
  if (response.status >= 500) {
    const retryAfter = Number(response.headers.get('retry-after') ?? 5);
    const detail = typeof body?.detail === 'string' ? body.detail : `the timer answered ${response.status}`;
    return unavailableProblem(detail, Number.isFinite(retryAfter) ? retryAfter : 5);
  }
  const message = body?.detail ?? body?.message;
  const detail = typeof message === 'string' ? message : `the timer answered ${response.status}`;
  return new ProblemException({
    type: typeof body?.type === 'string' ? body.type : 'about:blank',
    title: TITLES[response.status] ?? 'Refused by the timer',
    status: response.status,
    detail,
  });
}
