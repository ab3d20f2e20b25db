import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { policyStatusKey, type PolicyVersionRecord } from '@stageplus/contracts';
import { createKafka, EventPublisher, ensureTopics, PolicyFeed, publishPolicyVersion, systemTopics } from '@stageplus/kafka';
import { historyOfPublished, PolicyError, policyDigest, publicationOf, withPublication, type PolicyPublication } from '@stageplus/sla-policy';
import { CliError } from '../../io/cli-error';
import type { PolicyPublishOptions } from './policy-publish.options';
import { PolicyStatusWatch } from './policy-status-watch';

/** How often the command looks at the instances' statuses while it waits (ms). */
const LOOK_EVERY_MS = 200;

/**
 * `sla policy publish FILE`: validates the file (refused whole, nothing published), appends it to
 * the history read from `sla.policy` (the same text again publishes nothing), produces it, then
 * waits until every running instance holds it. Resolves with the instances that do.
 *
 * @throws PolicyError `POLICY.INVALID`, `POLICY.FILE_UNREADABLE`, `POLICY.VERSION_EXISTS`,
 *   `POLICY.REPLACES_UNKNOWN`; CliError `CLI.POLICY_NOT_FOLLOWED` naming the instances still
 *   behind after the timeout.
 */
export async function policyPublishCommand(options: PolicyPublishOptions, output: Writable, clock: () => number = Date.now): Promise<string[]> {
  const text = readText(options.file);
  const publication = publicationOf(text, options.file, clock());
  const version = publication.policy.version;
  const kafka = createKafka({ brokers: options.brokers, clientId: 'sla-cli' });
  await ensureTopics(kafka, systemTopics({ slaPolicy: options.topics.policy, slaPolicyStatus: options.topics.status }));
  const watch = new PolicyStatusWatch(kafka, options.topics.status);
  await watch.start();
  try {
    const published = await appendToTopic(kafka, options.topics.policy, text, publication);
    output.write(published ? `published ${version} on ${options.topics.policy}\n` : `${version} is already published with this text: nothing to publish\n`);
    const holders = await waitForInstances(watch, version, options.timeoutMs, clock);
    output.write(holders.length === 0 ? 'no running instance to wait for\n' : `${version} held by ${holders.join(', ')}\n`);
    return holders;
  } finally {
    await watch.stop();
  }
}

/** Produces the publication unless the topic holds it already; false when it did. */
async function appendToTopic(kafka: ReturnType<typeof createKafka>, topic: string, text: string, publication: PolicyPublication): Promise<boolean> {
  const records = await new PolicyFeed({ kafka, topic, logger: silent, groupId: 'sla-policy-publish' }).readAll();
  const { history } = historyOfPublished(records.map((r) => ({ text: r.text, publishedAt: Date.parse(r.publishedAt) })), topic);
  if (withPublication(history, publication) === null) return false;
  const { policy, publishedAt } = publication;
  const record: PolicyVersionRecord = {
    version: policy.version,
    text,
    digest: policyDigest(text),
    publishedAt: new Date(publishedAt).toISOString(),
    ...(policy.replaces === undefined ? {} : { replaces: policy.replaces }),
  };
  const publisher = new EventPublisher(kafka);
  await publisher.connect();
  try {
    await publishPolicyVersion(publisher, topic, record);
  } finally {
    await publisher.disconnect();
  }
  return true;
}

async function waitForInstances(watch: PolicyStatusWatch, version: string, timeoutMs: number, clock: () => number): Promise<string[]> {
  const deadline = clock() + timeoutMs;
  for (;;) {
    const running = watch.running(clock());
    const behind = running.filter((s) => s.version !== version);
    if (watch.caughtUp && behind.length === 0) return running.map((s) => policyStatusKey(s.service, s.instance)).sort();
    if (clock() >= deadline) {
      const names = watch.caughtUp ? behind.map((s) => `${policyStatusKey(s.service, s.instance)} (holds ${s.version})`).sort() : ['(the status topic was not read to its end)'];
      throw new CliError('CLI.POLICY_NOT_FOLLOWED', `${version} was published, but after ${timeoutMs} ms these instances do not hold it: ${names.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, LOOK_EVERY_MS));
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new PolicyError('POLICY.FILE_UNREADABLE', `Cannot read SLA policy file ${file}: ${(error as Error).message}`);
  }
}

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
