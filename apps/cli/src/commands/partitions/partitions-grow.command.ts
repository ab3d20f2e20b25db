import type { Writable } from 'node:stream';
import { createKafka, ensureTopics, readTopicToEnd } from '@stageplus/kafka';
import { createRedis } from '@stageplus/redis';
import type { Admin, Kafka } from 'kafkajs';
import { CliError } from '../../io/cli-error';
import { relayoutChangelog, type ChangelogEntry, type ChangelogWrite } from './changelog-relayout';
import type { PartitionsGrowOptions } from './partitions-grow.options';
import { deleteKeysWithPrefix } from './redis-prefix';

/** What one run did. */
export interface GrowReport {
  /** Each topic's partitions before and after. */
  readonly topics: readonly { readonly topic: string; readonly from: number; readonly to: number }[];
  readonly copied: number;
  readonly tombstoned: number;
  readonly redisKeysDeleted: number;
}

/**
 * `sla partitions grow --to M`: with intake, priority and the timer stopped and drained, adds
 * partitions to `tickets.events`, `tickets.prioritized` and `sla.timer.state`, moves each open
 * ticket's changelog record to the partition its key maps to now (`relayoutChangelog`), then
 * deletes the timer's Redis state, so each partition is rebuilt from the changelog when the timer
 * starts. Checks first, changes nothing when a check fails; safe to run again after a failure.
 *
 * @throws CliError `PARTITIONS.SHRINK` (a topic has more than M), `PARTITIONS.MISMATCH` (the
 *   prioritized topic and the changelog differ), `PARTITIONS.SERVICES_RUNNING` (a member in the
 *   priority or timer group), `PARTITIONS.NOT_DRAINED` (records not consumed yet).
 */
export async function partitionsGrowCommand(options: PartitionsGrowOptions, output: Writable): Promise<GrowReport> {
  const kafka = createKafka({ brokers: options.brokers, clientId: 'sla-cli-partitions' });
  const admin = kafka.admin();
  await admin.connect();
  let grown: GrowReport['topics'];
  try {
    grown = await checkAndGrow(admin, options);
  } finally {
    await admin.disconnect();
  }
  for (const t of grown) output.write(t.from === t.to ? `${t.topic}: ${t.to} partitions already\n` : `${t.topic}: ${t.from} -> ${t.to} partitions\n`);
  // Returns once a leader serves every partition, the new ones included.
  await ensureTopics(kafka, grown.map((t) => ({ topic: t.topic, partitions: t.to, configs: {} })));
  const { copies, tombstones } = await relayout(kafka, options.topics.timerState, options.to);
  output.write(`${options.topics.timerState}: ${copies.length} ticket records copied to their new partition, ${tombstones.length} tombstoned where they were\n`);
  const redis = createRedis(options.redis, { maxRetriesPerRequest: 20 });
  let deleted: number;
  try {
    deleted = await deleteKeysWithPrefix(redis, options.timerPrefix);
  } finally {
    await redis.quit().catch(() => undefined);
  }
  output.write(`redis: ${deleted} keys under ${options.timerPrefix} deleted; the timer rebuilds each partition from ${options.topics.timerState} when it starts\n`);
  return { topics: grown, copied: copies.length, tombstoned: tombstones.length, redisKeysDeleted: deleted };
}

/** The checks, then `createPartitions` on the topics below M. */
async function checkAndGrow(admin: Admin, options: PartitionsGrowOptions): Promise<{ topic: string; from: number; to: number }[]> {
  const { ticketEvents, ticketsPrioritized, timerState } = options.topics;
  const names = [ticketEvents, ticketsPrioritized, timerState];
  const { topics } = await admin.fetchTopicMetadata({ topics: names });
  const counts = new Map(topics.map((t) => [t.name, t.partitions.length]));
  const bigger = names.filter((t) => (counts.get(t) ?? 0) > options.to);
  if (bigger.length > 0) {
    throw new CliError('PARTITIONS.SHRINK', `${bigger.map((t) => `${t} has ${counts.get(t)}`).join(', ')} partitions: Kafka cannot take partitions away (--to ${options.to})`);
  }
  if (counts.get(ticketsPrioritized) !== counts.get(timerState) && counts.get(timerState) !== options.to) {
    throw new CliError('PARTITIONS.MISMATCH', `${timerState} has ${counts.get(timerState)} partitions, ${ticketsPrioritized} ${counts.get(ticketsPrioritized)}: they must match`);
  }
  await checkStopped(admin, [options.groups.priority, options.groups.timer]);
  await checkDrained(admin, options.groups.priority, ticketEvents);
  await checkDrained(admin, options.groups.timer, ticketsPrioritized);
  const toGrow = names.filter((t) => (counts.get(t) ?? 0) < options.to);
  if (toGrow.length > 0) await admin.createPartitions({ topicPartitions: toGrow.map((topic) => ({ topic, count: options.to })) });
  return names.map((topic) => ({ topic, from: counts.get(topic) ?? 0, to: options.to }));
}

/** No member in the groups: priority and the timer are stopped (a member would consume in the old layout). */
async function checkStopped(admin: Admin, groupIds: readonly string[]): Promise<void> {
  const { groups } = await admin.describeGroups([...groupIds]);
  const running = groups.filter((g) => g.members.length > 0);
  if (running.length > 0) {
    throw new CliError(
      'PARTITIONS.SERVICES_RUNNING',
      `${running.map((g) => `${g.groupId} has ${g.members.length} member(s)`).join(', ')}: stop intake, then priority and the timer once they have consumed everything, and run this again`,
    );
  }
}

/**
 * Every record of the topic consumed by the group: one left behind would be consumed after the
 * growth by the owner of its old partition, where its ticket no longer lives.
 */
async function checkDrained(admin: Admin, groupId: string, topic: string): Promise<void> {
  const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
  const at = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  const behind = ends
    .map((e) => ({ partition: e.partition, lag: Number(e.high) - Math.max(at.get(e.partition) ?? -1, Number(e.low)) }))
    .filter((p) => p.lag > 0);
  if (behind.length > 0) {
    throw new CliError(
      'PARTITIONS.NOT_DRAINED',
      `${groupId} has not consumed ${behind.map((p) => `${p.lag} record(s) of ${topic}/${p.partition}`).join(', ')}: start the services with intake stopped until they have, then stop them and run this again`,
    );
  }
}

/** Reads the whole changelog, then writes the copies and, once they are acknowledged, the tombstones. */
async function relayout(kafka: Kafka, topic: string, count: number): Promise<{ copies: readonly ChangelogWrite[]; tombstones: readonly ChangelogWrite[] }> {
  const entries: ChangelogEntry[] = [];
  await readTopicToEnd(kafka, topic, (r) => entries.push({ partition: r.partition, key: r.key ?? '', value: r.value }), {
    groupPrefix: 'sla-partitions-grow',
    maxBytesPerPartition: 8 << 20,
  });
  const plan = relayoutChangelog(entries, count);
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (const writes of [plan.copies, plan.tombstones]) {
      for (let i = 0; i < writes.length; i += 500) {
        const messages = writes.slice(i, i + 500).map((w) => ({ key: w.key, value: w.value, partition: w.partition }));
        await producer.send({ topic, acks: -1, messages });
      }
    }
  } finally {
    await producer.disconnect();
  }
  return plan;
}
