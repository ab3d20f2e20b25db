import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensureTopics } from '@stageplus/kafka';
import { CpuAccount, localBrokerPid } from './cpu-account';
import { sleep, until } from './stats';
import { stockKafkajs } from './stock-kafkajs';

const { CompressionTypes, Kafka, logLevel, Partitioners } = stockKafkajs();
const ROOT = join(__dirname, '../..');

export interface HopReport {
  readonly messages: number;
  readonly hops: number;
  /** First send to last receipt (ms). */
  readonly ms: number;
  readonly perSecond: number;
  /** CPU of the bench's process, the relays and the local broker over that stretch, per message (µs). */
  readonly cpuUsPerMessage: number;
  /** The same, process by process ('bench (clients)', 'broker', 'relay 1', …). */
  readonly cpuUsPerMessageBy: Readonly<Record<string, number>>;
}

interface HopOptions {
  readonly batchSize: number;
  readonly concurrency: number;
  readonly timeoutMs: number;
}

/**
 * The floor under any pipeline on this broker, with kafkajs as shipped (`stockKafkajs`): the same
 * number of messages, keyed and sized like ticket events, produced as intake produces (idempotent, `acks: -1`, batches of `batchSize`
 * from `concurrency` senders) and consumed by one plain kafkajs consumer, on a throwaway topic
 * with the services' 3 partitions.
 */
export function kafkaHop(brokers: readonly string[], values: readonly { key: string; value: string }[], options: HopOptions): Promise<HopReport> {
  return kafkaChain(brokers, values, { ...options, hops: 1 });
}

/**
 * The hop repeated: `hops - 1` relay processes (`kafka-relay.ts`: consume, parse and encode each
 * value, produce, commit) between the producer and the consumer, each hop on a topic of its own.
 * Three hops is the shape of intake → priority → timer → the SLA topics with nothing but Kafka
 * work in the services: what the pipeline's goal, a share of one hop, has to be read against.
 */
export async function kafkaChain(brokers: readonly string[], values: readonly { key: string; value: string }[], options: HopOptions & { hops: number }): Promise<HopReport> {
  const id = `bench-hop-${randomBytes(4).toString('hex')}`;
  const topics = Array.from({ length: options.hops }, (_, i) => `${id}-${i + 1}`);
  const relayGroups = topics.slice(1).map((_, i) => `${id}-relay-${i + 1}`);
  const kafka = new Kafka({ clientId: id, brokers: [...brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(kafka, topics, 3);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: id, maxWaitTimeInMs: 100, maxBytesPerPartition: 4 << 20 });
  const relays: ChildProcess[] = [];
  let received = 0;
  let lastReceivedAt = 0;
  try {
    for (const [i, group] of relayGroups.entries()) relays.push(await startRelay(brokers, topics[i], topics[i + 1], group, options.batchSize));
    let died: string | undefined;
    for (const [i, relay] of relays.entries()) relay.once('exit', (code, signal) => (died ??= `relay ${i + 1} exited (${signal ?? code}) before the last message`));
    await producer.connect();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topic: topics[topics.length - 1], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) if (message.value) JSON.parse(message.value.toString('utf8'));
        received += batch.messages.length;
        lastReceivedAt = Date.now();
      },
    });
    await joined;
    await sleep(200);
    const cpu = new CpuAccount(chainProcesses(relays));
    const started = Date.now();
    let next = 0;
    const sender = async () => {
      for (;;) {
        const from = next;
        next += options.batchSize;
        if (from >= values.length) return;
        const messages = values.slice(from, from + options.batchSize);
        await producer.send({ topic: topics[0], acks: -1, compression: CompressionTypes.None, messages: messages.map((m) => ({ key: m.key, value: m.value })) });
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, sender));
    const done = () => {
      if (died) throw new Error(`the raw chain of ${options.hops} hops: ${died}`);
      return received >= values.length;
    };
    await until(done, options.timeoutMs, `the raw consumer receiving ${values.length} messages over ${options.hops} hop(s)`, {
      progress: () => `${received} received`,
    });
    const ms = lastReceivedAt - started;
    const { shares, totalUsPerItem } = cpu.close(values.length);
    const cpuUsPerMessageBy = Object.fromEntries(shares.map((s) => [s.process, s.usPerItem]));
    return { messages: values.length, hops: options.hops, ms, perSecond: Math.round((values.length / ms) * 1000), cpuUsPerMessage: totalUsPerItem, cpuUsPerMessageBy };
  } finally {
    await Promise.all(relays.map(stopRelay));
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.deleteGroups([id, ...relayGroups]).catch(() => undefined);
    await admin.disconnect();
  }
}

function chainProcesses(relays: readonly ChildProcess[]): Map<string, number> {
  const pids = new Map<string, number>([['bench (clients)', process.pid]]);
  const broker = localBrokerPid(ROOT);
  if (broker !== undefined) pids.set('broker', broker);
  for (const [i, relay] of relays.entries()) if (relay.pid !== undefined) pids.set(`relay ${i + 1}`, relay.pid);
  return pids;
}

/** Starts a relay and resolves once it has joined its group (its first fetch then starts at the beginning). */
function startRelay(brokers: readonly string[], from: string, to: string, groupId: string, batchSize: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'kafka-relay.ts'), brokers.join(','), from, to, groupId, String(batchSize)], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json' },
    stdio: ['ignore', 2, 2, 'ipc'], // its kafkajs errors on the bench's stderr (stdout is for the result line)
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`a kafka relay (${from} -> ${to}) exited with ${code} before joining its group`)));
  });
}

async function stopRelay(relay: ChildProcess): Promise<void> {
  if (relay.exitCode !== null || relay.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => relay.once('exit', () => resolve()));
  relay.kill('SIGTERM');
  const timer = setTimeout(() => relay.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
