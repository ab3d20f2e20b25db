/**
 * Redis bytes per open ticket, everything included: `INFO memory` `used_memory` of a private
 * Redis that only this run uses, before and after `--tickets` tickets are opened through the
 * pipeline (intake, priority and timer keys, BullMQ jobs, streams, expiry entries alike), then
 * the growth per extra `ticket.updated` event (1, then 3 per ticket). Baseline: one raw BullMQ
 * delayed job per ticket whose data is the ticket key, on the same Redis before the services run.
 *
 * Tickets: the bundled STAGE+ policy, three tenants (PLUS, BASE, BASE on its own calendar),
 * seeded random impact and urgency, opened now (no threshold falls during the run).
 * Run: `npm run --silent bench:memory -- --tickets 20000`.
 */
import type { Level, TicketEvent } from '@stageplus/contracts';
import { BenchRun, describeMachine, say, verdict, type BenchResult } from '../support/bench-run';
import { readOptions } from '../support/bench-options';
import { BenchServices } from '../support/bench-services';
import { bullConnection, RawDelayedJobs } from '../support/bullmq-baseline';
import { ConsumerLag } from '../support/consumer-lag';
import { postEvents } from '../support/post-events';
import { PrivateRedis } from '../support/private-redis';
import { fmt, round, sleep } from '../support/stats';
import { keyOf, opened, seeded, updated } from '../support/ticket-workload';
import { keyBreakdown } from './key-breakdown';

const options = readOptions('bench:memory', {
  tickets: { default: 20_000, help: 'tickets opened' },
  batchSize: { default: 1_000, help: 'events per POST' },
  clients: { default: 8, help: 'concurrent HTTP clients' },
  deadlineS: { default: 1_200, help: 'the whole run, cleanup included' },
  verbose: { default: '', help: 'set to 1 to copy the services\' output to stderr' },
});

const GOAL_BYTES_PER_TICKET = 2_048;
/** Issue 15: at most this many times a raw BullMQ delayed job (the baseline, same Redis, same run). */
const GOAL_RATIO = 1.2;
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const TENANTS = ['chu-sainte-justine', 'ciusss-capitale-nationale', 'cisss-laval'];
const HOUR = 3_600_000;

void new BenchRun('memory', options.deadlineS * 1_000).run(async (run): Promise<BenchResult> => {
  say(describeMachine());
  const n = options.tickets;
  const redis = await PrivateRedis.start();
  run.onCleanup('private Redis', () => redis.stop());
  say(`private Redis on ${redis.port} (used_memory of an empty Redis: ${fmt(await redis.usedMemory())} bytes)`);
  const settled = () => settledMemory(redis);

  say(`baseline: ${fmt(n)} raw BullMQ delayed jobs, data = the ticket key`);
  const raw = new RawDelayedJobs(bullConnection(redis.url));
  const removeRaw = run.onCleanup('raw BullMQ queue', () => raw.remove());
  await raw.queue.waitUntilReady();
  const rawBefore = await settled();
  const far = Date.now() + 8 * HOUR;
  await raw.add(Array.from({ length: n }, (_, i) => ({ key: keyOf(TENANTS[i % TENANTS.length], `T-${i}`), at: far + i })));
  const rawAfter = await settled();
  const baselinePerJob = Math.round((rawAfter - rawBefore) / n);
  say(`baseline: ${fmt(baselinePerJob)} bytes per delayed job`);
  await removeRaw();
  await redis.flushAll();

  const services = new BenchServices({ bench: 'memory', kafkaBrokers: BROKERS, redisUrl: redis.url, tenants: TENANTS, verbose: options.verbose === '1' });
  run.onCleanup('topics', () => services.deleteTopics());
  run.onCleanup('services', () => services.stop());
  await services.start();
  const lag = new ConsumerLag(BROKERS);
  run.onCleanup('lag admin', () => lag.close());
  let posted = 0;
  const apply = async (events: TicketEvent[]) => {
    await postEvents(services.url('intake'), services.apiKey, events, { batchSize: options.batchSize, concurrency: options.clients });
    posted += events.length;
    await lag.waitApplied(services, posted, options.deadlineS * 1_000);
  };

  const idle = await settled();
  const idleKeys = await redis.dbsize();
  say(`services ready (run ${services.id}); used_memory idle ${fmt(idle)} bytes, ${idleKeys} keys`);
  const random = seeded(20260623);
  const level = () => (1 + Math.floor(random() * 4)) as Level;
  const openedAt = Date.now();
  const tickets = Array.from({ length: n }, (_, i) => ({ tenant: TENANTS[i % TENANTS.length], id: `T-${i}` }));
  await apply(tickets.map((t) => opened(t.tenant, t.id, openedAt, { impact: level(), urgency: level() })));
  const open = await settled();
  const openKeys = await redis.dbsize();
  const perTicket = Math.round((open - idle) / n);
  say(`${fmt(n)} tickets open: ${fmt(perTicket)} bytes per ticket (${round((openKeys - idleKeys) / n, 2)} keys per ticket)`);

  await apply(tickets.map((t) => updated(t.tenant, t.id, 2, Date.now())));
  const oneMore = await settled();
  const perTicketPlus1 = Math.round((oneMore - idle) / n);
  say(`+1 ticket.updated each: ${fmt(perTicketPlus1)} bytes per ticket (+${fmt(perTicketPlus1 - perTicket)})`);
  const now = Date.now();
  await apply(tickets.flatMap((t) => [updated(t.tenant, t.id, 3, now), updated(t.tenant, t.id, 4, now)]));
  const threeMore = await settled();
  const perTicketPlus3 = Math.round((threeMore - idle) / n);
  const perExtraEvent = Math.round((threeMore - open) / (3 * n));
  say(`+3 ticket.updated each: ${fmt(perTicketPlus3)} bytes per ticket; ${fmt(perExtraEvent)} bytes per extra event`);
  for (const line of await keyBreakdown(redis, services.id, TENANTS, n)) say(`  ${line}`);

  const ratio = round(perTicket / baselinePerJob, 2);
  const figuresMet = perTicket <= GOAL_BYTES_PER_TICKET && ratio <= GOAL_RATIO;
  const ok = figuresMet && n >= 20_000;
  say(`${verdict(`<= ${fmt(GOAL_BYTES_PER_TICKET)} bytes per open ticket and <= ${GOAL_RATIO}x a raw BullMQ delayed job`, figuresMet, ok, '20,000 tickets')} (${ratio}x)`);
  return {
    bench: 'memory',
    figure: {
      complete: true,
      tickets: n,
      bytesPerTicket: perTicket,
      bytesPerTicketWith1Update: perTicketPlus1,
      bytesPerTicketWith3Updates: perTicketPlus3,
      bytesPerExtraEvent: perExtraEvent,
      keysPerTicket: round((openKeys - idleKeys) / n, 2),
    },
    baseline: { kind: 'raw BullMQ delayed job per ticket, data = ticket key', jobs: n, bytesPerJob: baselinePerJob, ratio },
    goal: { bytesPerTicket: GOAL_BYTES_PER_TICKET, ratio: GOAL_RATIO, tickets: 20_000 },
    ok,
  };
});

/** `used_memory` once it holds still (a connection's buffers come and go): two equal-ish reads 500 ms apart, 10 s at most. */
async function settledMemory(redis: PrivateRedis): Promise<number> {
  let last = await redis.usedMemory();
  for (let i = 0; i < 20; i++) {
    await sleep(500);
    const now = await redis.usedMemory();
    if (Math.abs(now - last) < 16 * 1024) return now;
    last = now;
  }
  return last;
}
