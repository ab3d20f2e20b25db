import type { AlertPoster } from '../alert-forwarder';
import type { AttemptOutcome } from '../retry-policy';

/** One Alertmanager of the cluster: its URL and what posts to it once. */
export interface AlertmanagerPeer {
  readonly url: string;
  post(body: unknown): Promise<AttemptOutcome>;
}

interface Progress {
  readonly since: number;
  readonly accepted: Set<string>;
  readonly refused: Map<string, AttemptOutcome & { kind: 'rejected' }>;
}

/** Progress of an event abandoned mid-way (its partition was given away) is forgotten after this (ms). */
const FORGET_AFTER_MS = 3_600_000;

/**
 * Posts each event to every Alertmanager of an HA cluster, as Prometheus does: they share their
 * notification log, not their alerts, so each must be told. Each one is retried on its own (one
 * that took the event is not posted it again). The event counts as delivered once every
 * Alertmanager took it, or once one did and the others kept failing for `graceMs` (the re-send
 * interval): an HA pair must not stop alerting because one of its members is down; the re-sends
 * give the missing member every firing alert within an interval of its return.
 */
export class AlertmanagerCluster implements AlertPoster {
  private readonly progress = new Map<string, Progress>();

  constructor(
    private readonly peers: readonly AlertmanagerPeer[],
    private readonly graceMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async post(body: unknown, deliveryKey: string): Promise<AttemptOutcome> {
    const now = this.now();
    this.forgetAbandoned(now);
    const progress = this.progress.get(deliveryKey) ?? { since: now, accepted: new Set<string>(), refused: new Map() };
    this.progress.set(deliveryKey, progress);
    const pending = this.peers.filter((p) => !progress.accepted.has(p.url) && !progress.refused.has(p.url));
    const outcomes = await Promise.all(pending.map((p) => p.post(body)));
    const failing: { url: string; outcome: AttemptOutcome & { kind: 'retry' } }[] = [];
    pending.forEach((peer, i) => {
      const outcome = outcomes[i];
      if (outcome.kind === 'delivered') progress.accepted.add(peer.url);
      else if (outcome.kind === 'rejected') progress.refused.set(peer.url, outcome);
      else failing.push({ url: peer.url, outcome });
    });
    const tookIt = progress.accepted.size > 0;
    if (failing.length === 0 || (tookIt && this.now() - progress.since >= this.graceMs)) {
      this.progress.delete(deliveryKey);
      return tookIt ? { kind: 'delivered', status: 200 } : refusedByAll(progress);
    }
    const retryAfter = Math.max(...failing.map((f) => f.outcome.retryAfterMs ?? -1));
    const reason = failing.map((f) => `${f.url}: ${f.outcome.reason}`).join('; ');
    return retryAfter < 0 ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs: retryAfter };
  }

  private forgetAbandoned(now: number): void {
    for (const [key, progress] of this.progress) if (now - progress.since > FORGET_AFTER_MS) this.progress.delete(key);
  }
}

function refusedByAll(progress: Progress): AttemptOutcome {
  const refusals = [...progress.refused];
  return { kind: 'rejected', status: refusals[0][1].status, reason: refusals.map(([url, r]) => `${url}: ${r.reason}`).join('; ') };
}
