import { randomUUID } from 'node:crypto';
import type { DeliveryLedger } from '../delivery-ledger';
import type { ActiveAlertStore } from './active-alerts';
import type { AlertmanagerPeer } from './alertmanager-cluster';
import type { ActiveAlert } from './postable-alerts';

/** One `alertmanager-api` destination as the re-sender sees it. */
export interface ResendDestination {
  readonly name: string;
  readonly store: ActiveAlertStore;
  /** Its delivery ledger: the re-send of an alert waits while an event of it is being sent. */
  readonly ledger: Pick<DeliveryLedger, 'lease' | 'release'>;
  readonly peers: readonly AlertmanagerPeer[];
}

/** Told of each round, per destination and Alertmanager: logs and metrics. */
export interface ResendObserver {
  resent?(destination: string, url: string, alerts: number, failure: string | null): void;
}

/** Alerts per POST: Alertmanager takes any number, a bounded body keeps one request quick. */
const CHUNK = 500;

/**
 * Posts every active alert again, every `intervalMs`, to every Alertmanager of every
 * `alertmanager-api` destination: Alertmanager resolves a firing alert that nobody posted within
 * its `resolve_timeout`, as it would for a Prometheus that went away. The first round runs at
 * start, so a restarted bridge re-asserts its alerts at once. A failed post is not retried: the
 * next round is the retry. Each alert is leased in the ledger while it is read and posted, so a
 * round never posts a level that an event is ending at that moment.
 */
export class AlertResender {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly destinations: readonly ResendDestination[],
    private readonly intervalMs: number,
    private readonly observer: ResendObserver = {},
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    if (this.destinations.length === 0) return;
    const tick = () => {
      this.round = this.resendAll().finally(() => {
        this.round = null;
        if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.round;
  }

  /** One round over every destination; a destination whose Redis fails is skipped until the next. */
  async resendAll(): Promise<void> {
    for (const destination of this.destinations) {
      await this.resend(destination).catch((error: Error) => this.observer.resent?.(destination.name, '(redis)', 0, error.message));
    }
  }

  private async resend(destination: ResendDestination): Promise<void> {
    const token = randomUUID();
    const keys = [...(await destination.store.all()).keys()];
    const leased = (await Promise.all(keys.map(async (k) => ((await destination.ledger.lease(k, token, this.now())) ? k : null)))).filter((k) => k !== null);
    try {
      const alerts = (await Promise.all(leased.map((k) => destination.store.get(k)))).filter((a): a is ActiveAlert => a !== null);
      if (alerts.length > 0) await Promise.all(destination.peers.map((peer) => this.postAll(destination.name, peer, alerts)));
    } finally {
      await Promise.all(leased.map((k) => destination.ledger.release(k, token)));
    }
  }

  private async postAll(destination: string, peer: AlertmanagerPeer, alerts: readonly ActiveAlert[]): Promise<void> {
    for (let i = 0; i < alerts.length; i += CHUNK) {
      const chunk = alerts.slice(i, i + CHUNK);
      const outcome = await peer.post(chunk);
      this.observer.resent?.(destination, peer.url, chunk.length, outcome.kind === 'delivered' ? null : outcome.reason);
    }
  }
}
