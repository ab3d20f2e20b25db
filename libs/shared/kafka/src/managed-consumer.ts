import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { ReachabilitySource } from './broker-watch';
import { ConsumerSupervisor } from './consumer-supervisor';
import { GroupMembership } from './group-membership';
import type { AdapterLogger } from './kafka-client';

export interface ManagedConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly logger: AdapterLogger;
  /** Session timeout (ms), default 30 000. */
  readonly sessionTimeoutMs?: number;
  readonly partitionsConsumedConcurrently?: number;
  readonly maxBytesPerPartition?: number;
  /** Out of its group for longer than this (ms) is reported (`outOfGroup`); default 30 000. */
  readonly graceMs?: number;
  /** Out of its group for longer than this (ms), the consumer is replaced; default 90 000. */
  readonly reviveAfterMs?: number;
  /** The service's broker watch: no replacement while no broker answers (see `ConsumerSupervisor`). */
  readonly broker?: ReachabilitySource;
  readonly eachBatch: (payload: EachBatchPayload) => Promise<void>;
  /** Commit the resolved offsets (default) or none: a reader whose position dies with it. */
  readonly autoCommit?: boolean;
  /** Resolve a batch's offsets when `eachBatch` returns (a reader), or only as it says (default). */
  readonly autoResolve?: boolean;
  /**
   * Where to start each partition (a reader's tail), asked before every (re)start and sought at
   * every join: only a member of its group can seek, and a consumer kafkajs restarted after a
   * crash (the coordinator still loading, on a fresh broker) has joined again.
   */
  readonly startAt?: () => Promise<{ topic: string; partition: number; offset: string }[]>;
  /** After every join: the partitions of each topic this member owns. */
  readonly onJoin?: (assignment: Record<string, number[]>) => void;
}

/** How often the supervisor looks at the consumer (ms). */
const SUPERVISE_EVERY_MS = 5_000;
/** How long a replaced consumer is given to stop before it is left behind (ms). */
const STOP_WAIT_MS = 15_000;

/**
 * A kafkajs consumer group member that comes back by itself: kafkajs restarts its consumer after
 * a retriable crash; the `ConsumerSupervisor` replaces it after any other, or when it stays out
 * of its group (see there why). Membership and crashes are what readiness reads.
 */
export class ManagedConsumer {
  private consumer: Consumer | null = null;
  private crashed: string | null = null;
  private stopping = false;
  private supervision: NodeJS.Timeout | null = null;
  private readonly membership: GroupMembership;
  private readonly supervisor: ConsumerSupervisor;

  constructor(private readonly options: ManagedConsumerOptions) {
    // A first join waits for the group's other members: as long as a rebalance may take.
    this.membership = new GroupMembership(options.graceMs ?? 30_000, Date.now());
    this.supervisor = new ConsumerSupervisor(this, (reason) => this.replace(reason), { reviveAfterMs: options.reviveAfterMs, broker: options.broker });
  }

  /** False before the consumer runs, while it is replaced, and after it crashed for good. */
  get running(): boolean {
    return this.consumer !== null && this.crashed === null;
  }

  /** Why kafkajs stopped the consumer for good, or null (the supervisor replaces it soon). */
  get fatalCrash(): string | null {
    return this.crashed;
  }

  get current(): Consumer | null {
    return this.consumer;
  }

  outOfGroupForMs(now: number): number | null {
    return this.membership.outForMs(now);
  }

  outOfGroup(now: number): string | null {
    return this.membership.outOfGroup(now);
  }

  /** Joins and runs; resolves once kafkajs runs the consumer. Then supervises it. */
  async start(): Promise<void> {
    await this.startConsumer();
    this.supervision = setInterval(() => void this.supervise(), SUPERVISE_EVERY_MS);
    this.supervision.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.supervision) clearInterval(this.supervision);
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  /** Stops the consumer (waiting a bounded time) and starts a new one, in the same group. */
  async replace(reason: string): Promise<void> {
    const { groupId, logger } = this.options;
    logger.error({ groupId, reason }, 'replacing the Kafka consumer');
    const old = this.consumer;
    this.consumer = null;
    // A consumer stuck in kafkajs may never finish disconnecting: it is let go after a while.
    // Its batches in flight see themselves stopped (`isRunning`) and commit nothing.
    if (!(await settlesWithin(old?.disconnect() ?? Promise.resolve(), STOP_WAIT_MS))) {
      logger.warn({ groupId }, `the old Kafka consumer did not stop within ${STOP_WAIT_MS / 1_000} s; left behind`);
    }
    this.crashed = null;
    if (!this.stopping) await this.startConsumer();
  }

  private async startConsumer(): Promise<void> {
    const { kafka, groupId, logger } = this.options;
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout,
      heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
      retry: { retries: 10 },
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 1_048_576,
    });
    this.consumer = consumer;
    const current = () => this.consumer === consumer;
    this.membership.follow(consumer, Date.now, current);
    consumer.on(consumer.events.CRASH, (event) => {
      if (!event.payload.restart && current()) this.crashed = String(event.payload.error?.message ?? 'crashed');
      logger.error({ err: event.payload.error?.message, restart: event.payload.restart }, 'consumer crashed');
    });
    const starts = (await this.options.startAt?.()) ?? [];
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      if (!current()) return;
      try {
        for (const start of starts) consumer.seek(start);
      } catch (error) {
        logger.warn({ groupId, err: { message: (error as Error).message } }, 'could not seek to the start offsets; reading on from the group position');
      }
      this.options.onJoin?.(event.payload.memberAssignment as Record<string, number[]>);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: true });
    await consumer.run({
      autoCommit: this.options.autoCommit ?? true,
      eachBatchAutoResolve: this.options.autoResolve ?? false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: this.options.eachBatch,
    });
  }

  private async supervise(): Promise<void> {
    if (this.stopping) return;
    await this.supervisor.check(Date.now()).catch((error: Error) => {
      this.options.logger.error({ groupId: this.options.groupId, err: { message: error.message } }, 'replacing the Kafka consumer failed; tried again later');
    });
  }
}

/** True if `work` settled within `ms`, false if it was left running. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}
