import type { BenchServices } from '../support/bench-services';
import { sleep } from '../support/stats';

export interface RebuildWatch {
  /** When both held: every sampled ticket read back, and the timer ready; null if not in time. */
  readonly rebuiltAt: number | null;
  readonly sampleAt: number | null;
  readonly readyAt: number | null;
  /** What the timer last answered, for the report when it did not finish. */
  readonly describe: string;
}

/**
 * Watches the timer come back after the loss, as a user would: reading sampled tickets' clocks
 * through `GET .../sla` (404 while the record is gone, 503 while its partition is rebuilt, 200
 * once it is back) and `/health/ready`, every 100 ms, giving up after `timeoutMs`.
 */
export async function watchRebuild(
  services: BenchServices,
  tenantId: string,
  sample: readonly string[],
  lostAt: number,
  timeoutMs: number,
): Promise<RebuildWatch> {
  const pending = new Set(sample);
  let sampleAt: number | null = null;
  let readyAt: number | null = null;
  let statuses = new Map<string, number>();
  const deadline = lostAt + timeoutMs;
  while (Date.now() < deadline) {
    if (pending.size > 0) {
      statuses = new Map();
      const ids = [...pending];
      for (let i = 0; i < ids.length; i += 20) {
        await Promise.all(
          ids.slice(i, i + 20).map(async (id) => {
            const status = await services.readSla(tenantId, id).then(
              (r) => String(r.status),
              () => 'no answer',
            );
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status === '200') pending.delete(id);
          }),
        );
      }
      if (pending.size === 0) sampleAt = Date.now();
    }
    if (sampleAt !== null && (await services.ready('timer'))) {
      readyAt = Date.now();
      return { rebuiltAt: readyAt, sampleAt, readyAt, describe: 'rebuilt' };
    }
    await sleep(100);
  }
  const seen = [...statuses].map(([status, n]) => `${n} x ${status}`).join(', ');
  return {
    rebuiltAt: null,
    sampleAt,
    readyAt,
    describe: `${pending.size} of ${sample.length} sampled tickets still unreadable (last answers: ${seen || 'none'}); timer ready: ${await services.ready('timer')}`,
  };
}
