import type { TicketEvent } from '@stageplus/contracts';

/** One answer intake gave, as the fault suites measure them. */
export interface Attempt {
  readonly eventIds: readonly string[];
  readonly status: number | 'network-error';
  readonly retryAfter: string | null;
  /** The start of the problem's text when it was not a 202. */
  readonly detail?: string;
  readonly startedAt: number;
  readonly endedAt: number;
}

/**
 * The client a hospital's integration should be: posts a few events at a time, on a 503 waits
 * what Retry-After says and sends the same events again (same eventIds, so a write that landed
 * anyway is a duplicate consumers drop), and stops at anything else.
 */
export class RetryingClient {
  readonly attempts: Attempt[] = [];
  /** eventId → when intake acknowledged it (202). */
  readonly acknowledged = new Map<string, number>();

  constructor(
    private readonly post: (events: TicketEvent[]) => Promise<Response>,
    private readonly giveUpAfterMs = 60_000,
  ) {}

  async send(events: TicketEvent[]): Promise<void> {
    const eventIds = events.map((e) => e.eventId);
    const deadline = Date.now() + this.giveUpAfterMs;
    for (;;) {
      const startedAt = Date.now();
      let status: Attempt['status'];
      let retryAfter: string | null = null;
      let detail: string | undefined;
      try {
        const response = await this.post(events);
        status = response.status;
        retryAfter = response.headers.get('retry-after');
        const body = await response.text();
        if (status !== 202) detail = body.slice(0, 200);
      } catch (error) {
        status = 'network-error';
        detail = (error as Error).message;
      }
      const endedAt = Date.now();
      this.attempts.push({ eventIds, status, retryAfter, detail, startedAt, endedAt });
      if (status === 202) {
        for (const id of eventIds) this.acknowledged.set(id, endedAt);
        return;
      }
      if (status !== 503 && status !== 'network-error') throw new Error(`${eventIds[0]}…: intake answered ${status}: ${detail}`);
      if (Date.now() > deadline) throw new Error(`${eventIds[0]}…: not accepted within ${this.giveUpAfterMs} ms (${JSON.stringify(this.summary(0))})`);
      const waitS = Number(retryAfter ?? '1');
      await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(waitS) ? waitS : 1) * 1000));
    }
  }

  /** What the run saw: answers by status, the slowest answer, and the longest time without a 202 after `since`. */
  summary(since: number): { byStatus: Record<string, number>; refusals: Record<string, number>; slowestMs: number; longestGapWithout202Ms: number } {
    const byStatus: Record<string, number> = {};
    const refusals: Record<string, number> = {};
    for (const a of this.attempts) byStatus[String(a.status)] = (byStatus[String(a.status)] ?? 0) + 1;
    for (const a of this.attempts) {
      const reason = a.status === 202 ? null : (/"detail":"([^"]*)"/.exec(a.detail ?? '')?.[1] ?? a.detail ?? '');
      if (reason !== null) refusals[reason] = (refusals[reason] ?? 0) + 1;
    }
    const slowestMs = Math.max(0, ...this.attempts.map((a) => a.endedAt - a.startedAt));
    const acks = [since, ...[...this.acknowledged.values()].filter((t) => t >= since).sort((a, b) => a - b)];
    let longestGapWithout202Ms = 0;
    for (let i = 1; i < acks.length; i++) longestGapWithout202Ms = Math.max(longestGapWithout202Ms, acks[i] - acks[i - 1]);
    return { byStatus, refusals, slowestMs, longestGapWithout202Ms };
  }
}
