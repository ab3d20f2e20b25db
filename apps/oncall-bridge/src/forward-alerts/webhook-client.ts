import { classifyResponse, type AttemptOutcome } from './retry-policy';

/** Characters of a refusal's body kept for the logs and the dead letter. */
const BODY_EXCERPT = 500;

/**
 * POSTs JSON to the on-call webhook, once, and says what came of it; never throws. A connection
 * refused or reset, a DNS failure and a timeout are all "retry": from here they look alike, and
 * the receiver may have the event or not, which the deterministic dedup keys make harmless.
 */
export class WebhookClient {
  constructor(
    readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async post(body: unknown): Promise<AttemptOutcome> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'stageplus-oncall-bridge' },
        body: JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return { kind: 'retry', reason: networkReason(error) };
    }
    const text = await response.text().catch(() => '');
    return classifyResponse(response.status, response.headers.get('retry-after'), text.slice(0, BODY_EXCERPT), Date.now());
  }
}

function networkReason(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}
