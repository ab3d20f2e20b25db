import './install-kafkajs-modules'; // before kafkajs loads (see kafkajs-modules.ts)
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { AdapterLogger } from './kafka-client';

export interface BrokerWatchOptions {
  readonly brokers: readonly string[];
  /** Suffixed with `-broker-watch`: the watch has a client (and a connection) of its own. */
  readonly clientId: string;
  /** Told when the broker goes away and when it comes back (one line per change, not per probe). */
  readonly logger?: AdapterLogger;
  /** Pause between two probes (ms), default 2 000. */
  readonly intervalMs?: number;
  /** How long one probe may take before the cluster counts as unreachable (ms), default 1 500. */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

/** Whatever says whether a broker answers now (a `BrokerWatch`), as its readers need it. */
export interface ReachabilitySource {
  readonly reachability: BrokerReachability;
}

/** What the watch believes now. */
export interface BrokerReachability {
  readonly reachable: boolean;
  /** Since when (epoch ms) the cluster has been in this state, as far as the watch saw. */
  readonly since: number;
  /** Why it is unreachable (the last error), or how many brokers answered. */
  readonly detail: string;
}

/**
 * Whether a Kafka broker answers now. kafkajs's producer believes it is connected until a send
 * fails, and a consumer restarts quietly, so readiness needs an active probe: a metadata request
 * (`describeCluster`, any broker of the list may answer) every `intervalMs`, each bounded by
 * `timeoutMs`, in the background. Reading the state never waits on the network. A service that
 * saw a connection fail says so with {@link report}: the watch counts the cluster unreachable at
 * once and probes again; the next answer decides.
 */
export class BrokerWatch {
  private readonly clients: Kafka[];
  /** The client to ask first: the last that answered. */
  private first = 0;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private admin: Admin | null = null;
  private state: BrokerReachability;
  private timer: NodeJS.Timeout | null = null;
  private probing: Promise<void> | null = null;
  private reports = 0;
  private stopped = true;
  private probed = false;

  constructor(private readonly options: BrokerWatchOptions) {
    this.intervalMs = options.intervalMs ?? 2_000;
    this.timeoutMs = options.timeoutMs ?? 1_500;
    this.now = options.now ?? Date.now;
    this.state = { reachable: false, since: this.now(), detail: 'not probed yet' };
    // No retries: one probe is one attempt, and the next comes soon. No kafkajs logs: a broker
    // down would log an error every probe; the watch logs the changes itself.
    // One client per broker of the list, each listing it first: a new kafkajs client always
    // starts at the first broker of its list (its connection builder's index starts at 0), so a
    // single client would ask a dead first broker on every probe.
    this.clients = options.brokers.map((_, i) =>
      new Kafka({
        clientId: `${options.clientId}-broker-watch`,
        brokers: [...options.brokers.slice(i), ...options.brokers.slice(0, i)],
        retry: { retries: 0 },
        connectionTimeout: Math.min(1_000, this.timeoutMs),
        requestTimeout: this.timeoutMs,
        logLevel: logLevel.NOTHING,
      }),
    );
  }

  get reachability(): BrokerReachability {
    return this.state;
  }

  get reachable(): boolean {
    return this.state.reachable;
  }

  /** Probes once (at most `timeoutMs`), then keeps probing in the background until {@link stop}. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.probe();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.dropAdmin();
  }

  /** A connection failed elsewhere (a send): unreachable from now until a probe started later answers. */
  report(reason: string): void {
    this.reports += 1;
    this.set(false, reason);
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    void (this.probing ?? Promise.resolve()).then(() => this.probe()).then(() => this.schedule());
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.probe().then(() => this.schedule()), this.intervalMs);
    this.timer.unref();
  }

  private probe(): Promise<void> {
    this.probing ??= this.probeOnce().finally(() => (this.probing = null));
    return this.probing;
  }

  private async probeOnce(): Promise<void> {
    const reportsBefore = this.reports;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no broker answered within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const brokers = await Promise.race([this.describe(), deadline]);
      // A failure reported while this probe ran is newer than its answer: the next probe decides.
      if (this.reports === reportsBefore) this.set(true, `${brokers} broker${brokers === 1 ? '' : 's'} answered`);
    } catch (error) {
      this.dropAdmin();
      this.set(false, (error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Asks each broker of the list in turn, starting with the last that answered, until one does:
   * a cluster with a node lost is reachable, whichever node it is.
   */
  private async describe(): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const client = (this.first + attempt) % this.clients.length;
      try {
        this.admin ??= this.clients[client].admin({ retry: { retries: 0 } });
        await this.admin.connect();
        const { brokers } = await this.admin.describeCluster();
        this.first = client;
        return brokers.length;
      } catch (error) {
        this.dropAdmin();
        if (attempt + 1 >= this.clients.length) throw error;
      }
    }
  }

  /** A connection that failed or hung is not reused: the next probe opens a fresh one. */
  private dropAdmin(): void {
    const admin = this.admin;
    this.admin = null;
    void admin?.disconnect().catch(() => undefined);
  }

  private set(reachable: boolean, detail: string): void {
    const first = !this.probed;
    this.probed = true;
    const changed = first || reachable !== this.state.reachable;
    if (changed && !reachable) this.options.logger?.warn({ err: { message: detail } }, 'Kafka unreachable');
    if (changed && reachable && !first) this.options.logger?.info({ downForMs: this.now() - this.state.since }, 'Kafka reachable again');
    this.state = { reachable, since: changed ? this.now() : this.state.since, detail };
  }
}
