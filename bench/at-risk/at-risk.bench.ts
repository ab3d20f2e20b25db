/**
 * The at-risk board of a small tenant behind a large one: `--large` open tickets of one tenant
 * over `--partitions` partitions, then `--small` of another, due after all of them, seeded
 * straight through the timer's store (`RedisClockStore`: a rebuild's `restore` for the large
 * tenant, commits for the small one) under a private prefix of a private Redis. Measured: the
 * small tenant's first page (`board`, as `GET /v1/tenants/{t}/tickets` asks it: `--limit` + 1
 * entries), `--rounds` times, each after `CONFIG RESETSTAT`: Redis time (the `usec` of
 * `INFO commandstats`, every command) and wall time. The goal: ≤ 5 ms of Redis time, Redis time
 * being time the timer's firing waits.
 *
 * Baselines in the same run: a single raw `ZRANGEBYSCORE` of as many entries as the page returns
 * on a plain sorted set (the floor), and the same page read as the store read it before the
 * per-tenant indexes (the partitions' shared due index from a score cursor, skipping the other
 * tenants' entries, 500 per round trip). A private Redis because `CONFIG RESETSTAT` resets what
 * every client of a Redis sees and the shared one's counters include the other work's commands.
 *
 * `BENCH_CPU_PROF_DIR=<dir>`: a V8 CPU profile of the measured reads (no service runs here).
 * Run: `npm run --silent bench:at-risk`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { toKnownEvent } from '@stageplus/sla-engine';
import type { Redis } from 'ioredis';
import type { BoardQuery } from '../../apps/timer/src/sla-clocks/keeper/ports';
import { RedisClockStore } from '../../apps/timer/src/sla-clocks/redis/redis-clock-store';
import type { TicketRecord } from '../../apps/timer/src/sla-clocks/ticket-record/ticket-record';
import { neverPaused } from '../../apps/timer/src/sla-clocks/ticket-record/paused-since';
import { BenchRun, describeMachine, say, verdict, type BenchResult } from '../support/bench-run';
import { readOptions } from '../support/bench-options';
import { PrivateRedis } from '../support/private-redis';
import { fmt, round } from '../support/stats';

const options = readOptions('bench:at-risk', {
  large: { default: 300_000, help: 'open tickets of the large tenant, spread over the partitions' },
  small: { default: 5, help: 'open tickets of the small tenant, due after all of the large one\'s' },
  partitions: { default: 3, help: 'partitions of the timer\'s state' },
  limit: { default: 50, help: 'the page size asked (the API\'s default; the store is asked one more)' },
  rounds: { default: 5, help: 'times the first page is read, each measured apart' },
  deadlineS: { default: 600, help: 'the whole run, cleanup included' },
});

const GOAL_REDIS_MS = 5;
const LARGE = 'large-tenant';
const SMALL = 'small-tenant';
const TOKEN = 'bench-at-risk';
const OPENED_AT = Date.parse('2026-06-23T09:00:00Z');

/** An open ticket as the timer keeps it: its opening event, its timer armed at `armedAt`. */
function ticket(tenantId: string, ticketId: string, armedAt: number): TicketRecord {
  const event = { eventId: `${ticketId}-1`, type: 'ticket.opened', tenantId, ticketId, occurredAt: new Date(OPENED_AT).toISOString(), impact: 3, urgency: 3 } as const;
  return { ref: { tenantId, ticketId }, events: [toKnownEvent(event, 0)], fired: new Map(), armedAt };
}

/** `INFO commandstats` as calls and µs per command (`CONFIG`, `INFO` left out: the measurement's own). */
async function commandStats(redis: Redis): Promise<Map<string, { calls: number; usec: number }>> {
  const stats = new Map<string, { calls: number; usec: number }>();
  for (const line of (await redis.info('commandstats')).split('\r\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/.exec(line);
    if (match && !/^(config|info)/.test(match[1])) stats.set(match[1], { calls: Number(match[2]), usec: Number(match[3]) });
  }
  return stats;
}

interface Measured {
  readonly redisMs: number;
  readonly wallMs: number;
  readonly calls: number;
  readonly commands: string;
  readonly entries: number;
}

/** One read, alone on the private Redis: its Redis time (commandstats) and its wall time. */
async function measure(redis: Redis, read: () => Promise<number>): Promise<Measured> {
  await redis.config('RESETSTAT');
  const started = process.hrtime.bigint();
  const entries = await read();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const stats = await commandStats(redis);
  const usec = [...stats.values()].reduce((sum, s) => sum + s.usec, 0);
  const calls = [...stats.values()].reduce((sum, s) => sum + s.calls, 0);
  const commands = [...stats].map(([name, s]) => `${name} ${s.calls}`).join(', ');
  return { redisMs: usec / 1_000, wallMs, calls, commands, entries };
}

/**
 * The small tenant's page as the store read it before the per-tenant indexes: each partition's
 * shared due index from a score cursor, 500 entries per round trip, other tenants' skipped.
 */
async function sharedIndexPage(redis: Redis, prefix: string, partitions: number, tenantId: string, limit: number): Promise<number> {
  const found = await Promise.all(
    Array.from({ length: partitions }, async (_, p) => {
      let out = 0;
      let min = '-inf';
      let skip = 0;
      for (;;) {
        const flat = await redis.zrangebyscore(`${prefix}{p${p}}:due`, min, '+inf', 'WITHSCORES', 'LIMIT', skip, 500);
        for (let i = 0; i < flat.length && out < limit; i += 2) if (flat[i].startsWith(`${tenantId}|`)) out += 1;
        if (out >= limit || flat.length < 1_000) return out;
        const last = flat[flat.length - 1];
        let atLast = 0;
        for (let i = flat.length - 1; i > 0 && flat[i] === last; i -= 2) atLast += 1;
        skip = last === min ? skip + atLast : atLast;
        min = last;
      }
    }),
  );
  return Math.min(limit, found.reduce((a, b) => a + b, 0));
}

async function profiled<T>(body: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  if (!dir) return body();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await body();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `at-risk-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

void new BenchRun('at-risk', options.deadlineS * 1_000).run(async (run): Promise<BenchResult> => {
  say(describeMachine());
  const server = await PrivateRedis.start();
  run.onCleanup('private Redis', () => server.stop());
  const redis = server.client();
  const prefix = `bench:at-risk:${process.pid}:`;
  run.onCleanup('bench keys', async () => {
    // The private Redis goes too; its keys are removed first in case it is somebody's (a port race).
    for (let cursor = '0'; ; ) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
      if (keys.length > 0) await redis.unlink(...keys);
      if ((cursor = next) === '0') break;
    }
    await redis.unlink('bench:at-risk:plain');
    redis.disconnect();
  });
  const store = new RedisClockStore(redis, prefix, neverPaused);
  const partitions = Array.from({ length: options.partitions }, (_, p) => p);

  // The large tenant's tickets due over the next hour, the small one's an hour after the last.
  const seeding = Date.now();
  const firstDue = Date.parse('2026-06-23T12:00:00Z');
  for (const p of partitions) {
    await store.claim(p, TOKEN);
    const count = Math.floor(options.large / options.partitions) + (p < options.large % options.partitions ? 1 : 0);
    const records = Array.from({ length: count }, (_, i) => ticket(LARGE, `L-${p}-${i}`, firstDue + Math.floor((i * 3_600_000) / Math.max(1, count))));
    await store.restore(p, TOKEN, records);
  }
  const smallDue = firstDue + 2 * 3_600_000;
  for (let i = 0; i < options.small; i++) {
    await store.commit(i % options.partitions, TOKEN, [{ record: ticket(SMALL, `S-${i}`, smallDue + i * 60_000) }]);
  }
  const expected = Math.min(options.small, options.limit + 1);
  await redis.del('bench:at-risk:plain');
  if (expected > 0) await redis.zadd('bench:at-risk:plain', ...Array.from({ length: expected }, (_, i) => [smallDue + i * 60_000, `${SMALL}|S-${i}`]).flat());
  say(`seeded ${fmt(options.large)} tickets of ${LARGE} and ${fmt(options.small)} of ${SMALL} over ${options.partitions} partitions in ${fmt(Date.now() - seeding)} ms (${fmt(await redis.dbsize())} keys)`);

  const query: BoardQuery = { index: 'due', partitions, tenantId: SMALL, after: null, limit: options.limit + 1 };
  const pages: Measured[] = [];
  const shared: Measured[] = [];
  const plain: Measured[] = [];
  await profiled(async () => {
    for (let round = 0; round < options.rounds; round++) {
      pages.push(await measure(redis, async () => (await store.board(query)).length));
      shared.push(await measure(redis, () => sharedIndexPage(redis, prefix, options.partitions, SMALL, options.limit + 1)));
      plain.push(await measure(redis, async () => (await redis.zrangebyscore('bench:at-risk:plain', '-inf', '+inf', 'WITHSCORES', 'LIMIT', 0, options.limit + 1)).length / 2));
    }
  });
  const complete = pages.every((m) => m.entries === expected) && shared.every((m) => m.entries === expected) && plain.every((m) => m.entries === expected);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? 0;
  const summary = (ms: Measured[]) => ({
    redisMs: round(median(ms.map((m) => m.redisMs)), 3),
    redisMsMax: round(Math.max(0, ...ms.map((m) => m.redisMs)), 3),
    wallMs: round(median(ms.map((m) => m.wallMs)), 2),
    wallMsMax: round(Math.max(0, ...ms.map((m) => m.wallMs)), 2),
    calls: ms[0]?.calls ?? 0,
    commands: ms[0]?.commands ?? '',
  });
  const page = summary(pages);
  const before = summary(shared);
  const floor = summary(plain);
  say(`the small tenant's first page (${expected} entries), median of ${options.rounds}: Redis ${page.redisMs} ms (max ${page.redisMsMax}), wall ${page.wallMs} ms; ${page.commands}`);
  say(`before (shared index, other tenants skipped): Redis ${before.redisMs} ms, wall ${before.wallMs} ms; ${before.commands}`);
  say(`baseline (one raw ZRANGEBYSCORE of ${expected} entries): Redis ${floor.redisMs} ms, wall ${floor.wallMs} ms`);
  if (!complete) say(`INCOMPLETE: pages of ${pages.map((m) => m.entries).join(', ')} entries, expected ${expected}`);

  const figuresMet = complete && page.redisMsMax <= GOAL_REDIS_MS;
  const ok = figuresMet && options.large >= 300_000;
  say(verdict(`≤ ${GOAL_REDIS_MS} ms of Redis time for the small tenant's first page`, figuresMet, ok, `300,000 tickets of the large tenant`));
  return {
    bench: 'at-risk',
    figure: { complete, ...(complete ? {} : { error: `a page read returned fewer entries than the ${expected} expected` }), largeTickets: options.large, smallTickets: options.small, partitions: options.partitions, entries: expected, ...page },
    baseline: { rawZrangebyscore: floor, sharedIndexBefore: before },
    goal: { redisMs: GOAL_REDIS_MS, largeTickets: 300_000 },
    ok,
  };
});
