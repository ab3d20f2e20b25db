import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createKafka, type AdapterLogger } from '@stageplus/kafka';
import type { Admin, Consumer } from 'kafkajs';
import { CliError } from '../../io/cli-error';
import type { WatchOptions } from './watch.options';
import { WatchSession } from './watch-session';

export interface WatchIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Resolves when the user asks to stop (Ctrl-C, SIGTERM). */
  readonly stopRequested: Promise<string>;
}

function stderrLogger(stderr: Writable): AdapterLogger {
  const line = (level: string) => (obj: object, msg?: string) => stderr.write(`sla watch: kafka ${level}: ${msg ?? ''} ${JSON.stringify(obj)}\n`);
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

/** The end offsets of the topics now: "only new events" means from these on, with no window at startup. */
async function endOffsets(admin: Admin, topics: readonly string[]): Promise<{ topic: string; partition: number; offset: string }[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length > 0) throw new CliError('WATCH.NO_TOPIC', `no topic ${missing.join(', ')} on the broker (npm run topics creates them)`);
  const offsets = await Promise.all(topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, partition: p.partition, offset: p.offset }))));
  return offsets.flat();
}

/** Resolves on the first Ctrl-C or SIGTERM, with the signal's name. */
export function stopSignals(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
}

/** Lines to stdout, waiting when the reader is slow; `closed` resolves when the reader went away (`| head`). */
class LinePrinter {
  readonly closed: Promise<void>;
  private isClosed = false;
  private close: () => void = () => undefined;

  constructor(private readonly out: Writable) {
    this.closed = new Promise((resolve) => (this.close = resolve));
    out.on('error', () => this.markClosed());
  }

  async print(line: string): Promise<void> {
    if (this.isClosed) return;
    try {
      if (!this.out.write(`${line}\n`)) await Promise.race([once(this.out, 'drain'), this.closed]);
    } catch {
      // EPIPE may be thrown by the write itself: stop quietly rather than let kafkajs retry it.
      this.markClosed();
    }
  }

  private markClosed(): void {
    this.isClosed = true;
    this.close();
  }
}

/**
 * `sla watch`: tails the SLA topics and prints one line per event until stopped. Each run is a
 * consumer group of its own that never commits, so it takes no partition from another watcher
 * or service, and leaves nothing behind to resume from.
 */
export async function watchCommand(options: WatchOptions, io: WatchIo): Promise<number> {
  const kafka = createKafka({ brokers: options.brokers, clientId: 'sla-watch', logger: stderrLogger(io.stderr) });
  const admin = kafka.admin();
  await admin.connect();
  const starts = await endOffsets(admin, options.topics).finally(() => admin.disconnect());
  const consumer: Consumer = kafka.consumer({ groupId: `sla-watch-${randomUUID()}`, sessionTimeout: 10_000, maxWaitTimeInMs: 250 });
  const session = new WatchSession(options.session);
  const printer = new LinePrinter(io.stdout);
  let failed: Error | undefined;
  const crashed = new Promise<void>((resolve) =>
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      failed = payload.error;
      resolve();
    }),
  );
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        const out = session.accept(message.value?.toString('utf8') ?? 'null');
        if ('invalid' in out) io.stderr.write(`sla watch: skipped a message that is not an SLA event (${out.invalid})\n`);
        else if ('print' in out) await printer.print(out.print);
      },
    });
    if (!options.fromBeginning) for (const start of starts) consumer.seek(start);
    const from = options.fromBeginning ? 'from the beginning' : 'new events only';
    io.stderr.write(`sla watch: watching ${options.topics.join(', ')} (${from}); Ctrl-C to stop\n`);
    await Promise.race([io.stopRequested, crashed, printer.closed]);
  } finally {
    await consumer.disconnect();
  }
  if (failed !== undefined) throw new CliError('WATCH.CONSUMER_FAILED', failed.message);
  io.stderr.write('sla watch: stopped\n');
  return 0;
}
