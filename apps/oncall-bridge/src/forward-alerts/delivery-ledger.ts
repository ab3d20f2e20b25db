import type { RedisClient } from '@stageplus/redis';

/** Whether an event may be sent now. */
export type Claim = 'claimed' | 'duplicate' | 'superseded' | 'busy';

/**
 * One hash per alertKey: `e:<eventId>` for each event delivered, `order` the latest delivered
 * position (see `alertOrder`), and a short lease (`lock`, `lockUntil`) held while one attempt is
 * in flight, so that two partitions (the two SLA topics, or two bridge processes) never send the
 * same alert's events at the same time.
 */
const CLAIM = `
local k = KEYS[1]
if redis.call('HEXISTS', k, 'e:' .. ARGV[1]) == 1 then return 'duplicate' end
local last = redis.call('HGET', k, 'order')
if last and last >= ARGV[2] then return 'superseded' end
local holder = redis.call('HGET', k, 'lock')
local untilMs = tonumber(redis.call('HGET', k, 'lockUntil') or '0')
if holder and holder ~= ARGV[3] and untilMs > tonumber(ARGV[4]) then return 'busy' end
redis.call('HSET', k, 'lock', ARGV[3], 'lockUntil', tostring(tonumber(ARGV[4]) + tonumber(ARGV[5])))
redis.call('PEXPIRE', k, ARGV[6])
return 'claimed'`;

const DELIVERED = `
local k = KEYS[1]
redis.call('HSET', k, 'e:' .. ARGV[1], ARGV[2])
local last = redis.call('HGET', k, 'order')
if not last or last < ARGV[2] then redis.call('HSET', k, 'order', ARGV[2]) end
if redis.call('HGET', k, 'lock') == ARGV[3] then redis.call('HDEL', k, 'lock', 'lockUntil') end
redis.call('PEXPIRE', k, ARGV[4])
return 1`;

/** The lease alone, for a re-send of the alert's current state: no event to check, only "nobody else is sending it". */
const LEASE = `
local k = KEYS[1]
local holder = redis.call('HGET', k, 'lock')
local untilMs = tonumber(redis.call('HGET', k, 'lockUntil') or '0')
if holder and holder ~= ARGV[1] and untilMs > tonumber(ARGV[2]) then return 0 end
local fresh = redis.call('EXISTS', k) == 0
redis.call('HSET', k, 'lock', ARGV[1], 'lockUntil', tostring(tonumber(ARGV[2]) + tonumber(ARGV[3])))
if fresh then redis.call('PEXPIRE', k, ARGV[4]) end
return 1`;

const RELEASE = `
if redis.call('HGET', KEYS[1], 'lock') == ARGV[1] then redis.call('HDEL', KEYS[1], 'lock', 'lockUntil') end
return 1`;

export interface LedgerOptions {
  readonly keyPrefix: string;
  /** How long an alert's record outlives its last delivery (ms): the window in which a replay is recognised. */
  readonly ttlMs: number;
  /** How long a claim holds without being released (ms): covers one attempt; a crashed holder frees it then. */
  readonly leaseMs: number;
}

/**
 * What was delivered to the on-call tool, in Redis: the bridge's memory for idempotence (an
 * eventId seen again, from the other SLA topic, a re-publication or a replay, is delivered once)
 * and for order per alertKey (an event older than one delivered is stale). Claims are per
 * attempt: a claim is released when the attempt fails, so another event of the alert may go.
 */
export class DeliveryLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly options: LedgerOptions,
  ) {}

  async claim(alertKey: string, eventId: string, order: string, token: string, now: number): Promise<Claim> {
    const args = [eventId, order, token, String(now), String(this.options.leaseMs), String(this.options.ttlMs)];
    return (await this.redis.eval(CLAIM, 1, this.key(alertKey), ...args)) as Claim;
  }

  async delivered(alertKey: string, eventId: string, order: string, token: string): Promise<void> {
    await this.redis.eval(DELIVERED, 1, this.key(alertKey), eventId, order, token, String(this.options.ttlMs));
  }

  /**
   * Holds the alert for one re-send of its current state (true), unless an event of it is being
   * sent (false): a re-send read before a rise and posted after it would revive the ended level.
   */
  async lease(alertKey: string, token: string, now: number): Promise<boolean> {
    const args = [token, String(now), String(this.options.leaseMs), String(this.options.ttlMs)];
    return (await this.redis.eval(LEASE, 1, this.key(alertKey), ...args)) === 1;
  }

  async release(alertKey: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(alertKey), token);
  }

  private key(alertKey: string): string {
    return `${this.options.keyPrefix}alert:${alertKey}`;
  }
}
