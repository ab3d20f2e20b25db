import type { RedisClient } from '@stageplus/redis';
import type { ActiveAlert } from './postable-alerts';

/**
 * The firing alerts of one `alertmanager-api` destination, by alertKey: what the bridge posts
 * again every interval so that Alertmanager does not resolve them by itself. Kept in Redis, so a
 * restarted bridge, or another instance, goes on re-sending them.
 */
export interface ActiveAlertStore {
  get(alertKey: string): Promise<ActiveAlert | null>;
  put(alertKey: string, alert: ActiveAlert): Promise<void>;
  remove(alertKey: string): Promise<void>;
  all(): Promise<ReadonlyMap<string, ActiveAlert>>;
}

/** One Redis hash per destination (`<prefix>am-active`): field alertKey, value the alert as JSON. */
export class RedisActiveAlerts implements ActiveAlertStore {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    keyPrefix: string,
  ) {
    this.key = `${keyPrefix}am-active`;
  }

  async get(alertKey: string): Promise<ActiveAlert | null> {
    const value = await this.redis.hget(this.key, alertKey);
    return value === null ? null : (JSON.parse(value) as ActiveAlert);
  }

  async put(alertKey: string, alert: ActiveAlert): Promise<void> {
    await this.redis.hset(this.key, alertKey, JSON.stringify(alert));
  }

  async remove(alertKey: string): Promise<void> {
    await this.redis.hdel(this.key, alertKey);
  }

  async all(): Promise<ReadonlyMap<string, ActiveAlert>> {
    const entries = await this.redis.hgetall(this.key);
    return new Map(Object.entries(entries).map(([alertKey, value]) => [alertKey, JSON.parse(value) as ActiveAlert]));
  }
}

/** The same in memory: for specs of what is re-sent, in virtual time. */
export class MemoryActiveAlerts implements ActiveAlertStore {
  readonly alerts = new Map<string, ActiveAlert>();

  async get(alertKey: string): Promise<ActiveAlert | null> {
    return this.alerts.get(alertKey) ?? null;
  }

  async put(alertKey: string, alert: ActiveAlert): Promise<void> {
    this.alerts.set(alertKey, alert);
  }

  async remove(alertKey: string): Promise<void> {
    this.alerts.delete(alertKey);
  }

  async all(): Promise<ReadonlyMap<string, ActiveAlert>> {
    return new Map(this.alerts);
  }
}
