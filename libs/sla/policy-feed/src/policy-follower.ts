import { POLICY_HEARTBEAT_MS, type PolicyVersionRecord } from '@stageplus/contracts';
import { ensureTopics, EventPublisher, PolicyFeed, systemTopics, publishPolicyStatus, publishPolicyVersion, type AdapterLogger, type ReachabilitySource } from '@stageplus/kafka';
import { historyOfPublished, latestVersion, PolicyError, publicationOf, withPublication, type PolicyHistory, type PolicyPublication } from '@stageplus/sla-policy';
import type { Kafka } from 'kafkajs';

export interface PolicyFollowerOptions {
  readonly kafka: Kafka;
  readonly topics: { readonly policy: string; readonly status: string };
  /** Who reports on the status topic: `service:instance` is its key. */
  readonly service: string;
  readonly instance: string;
  /**
   * The service's own policy: `POLICY_FILE` (`explicit`), else the bundled one. Published as the
   * first version on an empty topic; an explicit file whose text differs from every published
   * version is appended, so a restart with a changed file is a new version like any other.
   */
  readonly local: { readonly text: string; readonly source: string; readonly explicit: boolean };
  readonly publisher: EventPublisher;
  readonly logger: AdapterLogger;
  readonly broker?: ReachabilitySource;
  /** Heartbeat period of the status record (ms); default `POLICY_HEARTBEAT_MS` (5 s). */
  readonly heartbeatMs?: number;
  /** The wall clock (publication instants, status times): `Date.now` in a service. */
  readonly clock: () => number;
}

/** Told the new history and the one it replaces, after the switch. */
export type PolicySwitchListener = (next: PolicyHistory, previous: PolicyHistory) => void;

/**
 * The policy history a service decides with, following `sla.policy`. It is one immutable object
 * whose reference is swapped when a version arrives: a consumer batch reads `history` once at its
 * start, so a whole batch is decided under one history, and the next batch under the new one.
 */
export class PolicyFollower {
  private current: PolicyHistory | null = null;
  private readonly listeners: PolicySwitchListener[] = [];
  private readonly feed: PolicyFeed;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly options: PolicyFollowerOptions) {
    const { kafka, topics, logger, broker, service } = options;
    this.feed = new PolicyFeed({ kafka, topic: topics.policy, logger, broker, groupId: `sla-${service}-policy` });
  }

  /** The history in force; throws before `start` resolved (nothing may be decided before). */
  get history(): PolicyHistory {
    if (this.current === null) throw new PolicyError('POLICY.HISTORY_EMPTY', 'the policy history is not read yet');
    return this.current;
  }

  /** Whether the history was read to its end; false before. */
  get ready(): boolean {
    return this.current !== null;
  }

  /** For readiness: the version in force (the latest) and how many versions the history holds. */
  describe(): string {
    if (this.current === null) return 'reading the policy history';
    const count = this.current.versions.length;
    return `version ${latestVersion(this.current).policy.version} in force, history of ${count} version${count === 1 ? '' : 's'}`;
  }

  onSwitch(listener: PolicySwitchListener): void {
    this.listeners.push(listener);
  }

  /**
   * Reads the history to its end (publishing the service's own policy first when it must), then
   * follows it and starts the heartbeat. Resolves once the history is in force.
   *
   * @throws PolicyError for an invalid own policy; `POLICY.HISTORY_EMPTY` when nothing valid is published.
   */
  async start(): Promise<void> {
    const local = publicationOf(this.options.local.text, this.options.local.source, this.options.clock());
    await ensureTopics(this.options.kafka, systemTopics({ slaPolicy: this.options.topics.policy, slaPolicyStatus: this.options.topics.status }));
    let history = this.rebuild(await this.feed.readAll());
    if (this.mustPublish(history, local)) {
      await publishPolicyVersion(this.options.publisher, this.options.topics.policy, this.recordOf(local));
      // Read again: a service racing us may have published first; the topic's order decides.
      history = this.rebuild(await this.feed.readAll());
    }
    if (history === null) throw new PolicyError('POLICY.HISTORY_EMPTY', `${this.options.topics.policy} holds no valid policy version`);
    this.current = history;
    await this.feed.follow((record) => this.apply(record));
    await this.report();
    this.heartbeat = setInterval(() => void this.report(), this.options.heartbeatMs ?? POLICY_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    await this.feed.stop();
  }

  private apply(record: PolicyVersionRecord): void {
    const previous = this.history;
    try {
      const next = withPublication(previous, publicationOf(record.text, `${this.options.topics.policy}/${record.version}`, Date.parse(record.publishedAt)));
      if (next === null) return;
      this.current = next;
      this.options.logger.info({ version: record.version, versions: next.versions.length }, 'policy version in force');
      for (const listener of this.listeners) listener(next, previous);
      void this.report();
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      this.options.logger.warn({ version: record.version, code: error.code, err: error.message }, 'policy version passed over');
    }
  }

  private mustPublish(history: PolicyHistory | null, local: PolicyPublication): boolean {
    if (history === null) return true;
    if (!this.options.local.explicit || history.versions.some((v) => v.digest === local.digest)) return false;
    try {
      return withPublication(history, local) !== null;
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      this.options.logger.warn({ code: error.code, err: error.message }, `POLICY_FILE ${this.options.local.source} is not published`);
      return false;
    }
  }

  private rebuild(records: readonly PolicyVersionRecord[]): PolicyHistory | null {
    const texts = records.map((r) => ({ text: r.text, publishedAt: Date.parse(r.publishedAt) }));
    const { history, skipped } = historyOfPublished(texts, this.options.topics.policy);
    for (const { index, error } of skipped) this.options.logger.warn({ version: records[index].version, code: error.code, err: error.message }, 'policy version passed over');
    return history;
  }

  private recordOf(publication: PolicyPublication): PolicyVersionRecord {
    const { policy, publishedAt, digest } = publication;
    return {
      version: policy.version,
      text: this.options.local.text,
      digest: digest as string,
      publishedAt: new Date(publishedAt).toISOString(),
      ...(policy.replaces === undefined ? {} : { replaces: policy.replaces }),
    };
  }

  private async report(): Promise<void> {
    if (this.current === null) return;
    const { service, instance, publisher, topics, logger } = this.options;
    const status = { service, instance, version: latestVersion(this.current).policy.version, at: new Date(this.options.clock()).toISOString() };
    await publishPolicyStatus(publisher, topics.status, status).catch((error: Error) => logger.warn({ err: error.message }, 'policy status not written'));
  }
}
