/**
 * End-to-end throughput: ticket events per second from the first POST to intake until the timer
 * has applied them and published the thresholds they made due, received by a plain consumer of
 * the SLA topics. Baseline: a raw kafkajs produce → consume hop of as many messages on the same
 * broker.
 *
 * Each event opens a PLUS P1 ticket (24x7, bundled STAGE+ policy) `--age-min` minutes in the
 * past, so that its first threshold (15 min) is due when the timer applies it: the SLA event is
 * what makes completion observable. Run: `npm run --silent bench:pipeline -- --events 30000`.
 */
import type { TicketEvent } from '@stageplus/contracts';
import { BenchRun, describeMachine, say, verdict, type BenchResult } from '../support/bench-run';
import { readOptions } from '../support/bench-options';
import { BenchServices } from '../support/bench-services';
import { ConsumerLag } from '../support/consumer-lag';
import { benchProcesses, CpuAccount } from '../support/cpu-account';
import { kafkaChain, kafkaHop } from '../support/kafka-hop';
import { postEvents } from '../support/post-events';
import { PrivateRedis } from '../support/private-redis';
import { SlaRecorder } from '../support/sla-recorder';
import { distribution, fmt, maxOf, round, until } from '../support/stats';
import { bundledPolicy, keyOf, opened, thresholdsOf } from '../support/ticket-workload';

const options = readOptions('bench:pipeline', {
  events: { default: 30_000, help: 'ticket events posted (one ticket.opened each), measured' },
  warmup: { default: 1_000, help: 'events posted and drained first, not measured (connections, JIT)' },
  batchSize: { default: 1_000, help: 'events per POST (intake takes at most 1,000 and 1 MiB)' },
  clients: { default: 8, help: 'concurrent HTTP clients' },
  ageMin: { default: 16, help: 'minutes between occurredAt and the post: which thresholds are already due' },
  timeoutS: { default: 600, help: 'longest wait for the SLA events' },
  deadlineS: { default: 1_200, help: 'the whole run, cleanup included' },
  verbose: { default: '', help: 'set to 1 to copy the services\' output to stderr' },
});

const GOAL_EVENTS_PER_SECOND = 5_000;
const TENANT = 'chu-sainte-justine'; // PLUS in the bundled policy: P1 runs 24x7
const SHAPE = { plan: 'PLUS', impact: 1, urgency: 1 } as const;
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

void new BenchRun('pipeline', options.deadlineS * 1_000).run(async (run): Promise<BenchResult> => {
  say(describeMachine());
  const policy = bundledPolicy();
  const redis = await PrivateRedis.start();
  run.onCleanup('private Redis', () => redis.stop());
  say(`private Redis on ${redis.port}`);
  const services = new BenchServices({ bench: 'pipeline', kafkaBrokers: BROKERS, redisUrl: redis.url, tenants: [TENANT], verbose: options.verbose === '1' });
  run.onCleanup('topics', () => services.deleteTopics());
  const stopServices = run.onCleanup('services', () => services.stop());
  const bootStarted = Date.now();
  await services.start();
  say(`services ready in ${fmt(Date.now() - bootStarted)} ms (run ${services.id})`);
  const recorder = await new SlaRecorder(BROKERS, [services.topics.escalations, services.topics.breaches]).start();
  run.onCleanup('SLA consumer', () => recorder.stop());
  const lag = new ConsumerLag(BROKERS);
  run.onCleanup('lag admin', () => lag.close());

  const build = (prefix: string, count: number) => {
    const now = Date.now();
    const openedAt = now - options.ageMin * 60_000;
    const events: TicketEvent[] = [];
    const expected = new Set<string>();
    for (let i = 0; i < count; i++) {
      const ticketId = `${prefix}-${i}`;
      events.push(opened(TENANT, ticketId, openedAt, SHAPE));
      for (const t of thresholdsOf(policy, TENANT, ticketId, SHAPE, openedAt)) if (t.at <= now) expected.add(t.eventId);
    }
    return { events, expected };
  };

  if (options.warmup > 0) {
    const warm = build('W', options.warmup);
    say(`warm-up: ${fmt(warm.events.length)} events, ${fmt(warm.expected.size)} SLA events expected`);
    await postEvents(services.url('intake'), services.apiKey, warm.events, { batchSize: options.batchSize, concurrency: options.clients });
    const warmCount = recorder.count(warm.expected);
    await until(() => warmCount.got >= warmCount.size, options.timeoutS * 1_000, 'warm-up SLA events');
    await lag.waitApplied(services, warm.events.length, options.timeoutS * 1_000);
  }

  const measured = build('M', options.events);
  const perTicket = measured.expected.size / options.events;
  say(`measured: ${fmt(options.events)} ticket.opened events (${options.ageMin} min old, PLUS P1), ${fmt(measured.expected.size)} SLA events expected (${perTicket} per ticket); ${options.clients} clients x ${options.batchSize} events a POST`);
  const before = recorder.received.length;
  const count = recorder.count(measured.expected);
  const cpu = new CpuAccount(await benchProcesses(services, redis));
  const posting = postEvents(services.url('intake'), services.apiKey, measured.events, { batchSize: options.batchSize, concurrency: options.clients });
  const posted = await posting;
  const acceptMs = posted.lastAcceptedAt - posted.firstSentAt;
  say(`intake accepted ${fmt(posted.accepted)} events in ${fmt(acceptMs)} ms (${fmt((posted.accepted / acceptMs) * 1000)} events/s, ${posted.retries} retries); POST ${fmt(distribution(posted.latencies).p50)} ms p50, ${fmt(distribution(posted.latencies).p99)} ms p99`);
  let complete = true;
  try {
    await until(() => count.got >= count.size, options.timeoutS * 1_000, 'the SLA events of the measured tickets', {
      progress: () => `${fmt(count.got)} / ${fmt(measured.expected.size)} SLA events received`,
    });
  } catch (error) {
    complete = false;
    say((error as Error).message);
  }
  const budget = cpu.close(options.events);
  const mine = recorder.received.slice(before).filter((r) => measured.expected.has(r.eventId));
  const lastReceivedAt = Math.max(maxOf(mine.map((r) => r.receivedAt)), posted.lastAcceptedAt);
  const endToEndMs = lastReceivedAt - posted.firstSentAt;
  const eventsPerSecond = Math.round((options.events / endToEndMs) * 1000);
  const received = count.got;
  const duplicates = mine.length - received;
  const applyLatency = distribution(mine.map((r) => r.receivedAt - posted.firstSentAt));
  say(`end to end: ${fmt(options.events)} events in ${fmt(endToEndMs)} ms = ${fmt(eventsPerSecond)} events/s; ${fmt(received)} / ${fmt(measured.expected.size)} SLA events received, ${duplicates} duplicates`);

  say(`CPU per event on the measured stretch: ${budget.shares.map((s) => `${s.process} ${fmt(s.usPerItem)} µs`).join(', ')}; ${fmt(budget.totalUsPerItem)} µs in all`);
  await stopServices();
  await recorder.stop();
  say('baseline: raw kafkajs produce -> consume of as many messages, same broker, same batches and senders');
  const values = measured.events.map((e) => ({ key: keyOf(e.tenantId, e.ticketId), value: JSON.stringify(e) }));
  const hopOptions = { batchSize: options.batchSize, concurrency: options.clients, timeoutMs: options.timeoutS * 1_000 };
  const hop = await kafkaHop(BROKERS, values, hopOptions);
  say(`baseline: ${fmt(hop.messages)} messages in ${fmt(hop.ms)} ms = ${fmt(hop.perSecond)} messages/s, ${fmt(hop.cpuUsPerMessage)} µs of CPU a message`);
  // Not the goal's yardstick (one hop is): what three hops cost with nothing but Kafka work in them.
  const chain = await kafkaChain(BROKERS, values, { ...hopOptions, hops: 3 });
  const chainCpu = Object.entries(chain.cpuUsPerMessageBy).map(([process, us]) => `${process} ${fmt(us)}`).join(', ');
  say(`raw chain of ${chain.hops} hops (two relay processes: consume, parse, encode, produce): ${fmt(chain.perSecond)} messages/s, ${fmt(chain.cpuUsPerMessage)} µs of CPU a message (${chainCpu}): ${round(chain.perSecond / hop.perSecond, 3)} of the hop; the pipeline ${round(eventsPerSecond / chain.perSecond, 3)} of the chain`);
  const figuresMet = complete && duplicates === 0 && eventsPerSecond >= GOAL_EVENTS_PER_SECOND;
  const ok = figuresMet && options.events >= 30_000;
  say(`${verdict(`>= ${fmt(GOAL_EVENTS_PER_SECOND)} events/s end to end`, figuresMet, ok, '30,000+ events')} (${round(eventsPerSecond / hop.perSecond, 3)} of the raw hop)`);
  say(`at that CPU per event, ${budget.cores} cores allow at most ${fmt(budget.ceilingPerSecond)} events/s: ${round(budget.ceilingPerSecond / hop.perSecond, 3)} of the raw hop`);
  return {
    bench: 'pipeline',
    figure: {
      complete,
      events: options.events,
      eventsPerSecond,
      endToEndMs,
      intakeAcceptedPerSecond: Math.round((posted.accepted / acceptMs) * 1000),
      slaExpected: measured.expected.size,
      slaReceived: received,
      duplicates,
      firstPostToSlaReceiptMs: { p50: applyLatency.p50, p99: applyLatency.p99, max: applyLatency.max },
      retries: posted.retries,
      cpuPerEventUs: Object.fromEntries([...budget.shares.map((s) => [s.process, s.usPerItem]), ['total', budget.totalUsPerItem]]),
      cpuCeilingPerSecond: budget.ceilingPerSecond,
    },
    baseline: {
      kind: 'kafkajs produce->consume',
      messages: hop.messages,
      messagesPerSecond: hop.perSecond,
      ms: hop.ms,
      cpuUsPerMessage: hop.cpuUsPerMessage,
      ratio: round(eventsPerSecond / hop.perSecond, 3),
      threeHops: { messagesPerSecond: chain.perSecond, cpuUsPerMessage: chain.cpuUsPerMessage, cpuUsPerMessageBy: chain.cpuUsPerMessageBy, ofTheHop: round(chain.perSecond / hop.perSecond, 3), pipelineRatio: round(eventsPerSecond / chain.perSecond, 3) },
    },
    goal: { eventsPerSecond: GOAL_EVENTS_PER_SECOND, minEvents: 30_000, duplicates: 0 },
    ok,
  };
});
