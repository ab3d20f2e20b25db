import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createKafka, EventPublisher, PolicyFeed, publishPolicyStatus } from '@stageplus/kafka';
import { DEFAULT_POLICY_PATH } from '@stageplus/sla-policy';
import { testBrokers, uniqueName } from '@stageplus/testing';
import { policyPublishCommand } from './policy-publish.command';
import type { PolicyPublishOptions } from './policy-publish.options';

jest.setTimeout(60_000);

const { kafkaBrokers } = testBrokers();
const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'policy-publish-spec' });
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const dir = mkdtempSync(join(tmpdir(), 'policy-publish-'));
const policyFile = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const v2 = policyFile('v2.yaml', editedPolicyText(['version: stageplus-2023-12-08', 'version: v2']));
const created: string[] = [];

/** The bundled policy with lines replaced. */
function editedPolicyText(...edits: (readonly [string, string])[]): string {
  return edits.reduce((text, [from, to]) => text.replace(from, to), readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
}

function options(file: string, timeoutMs = 10_000): PolicyPublishOptions {
  const topics = { policy: uniqueName('test.sla.policy'), status: uniqueName('test.sla.policy.status') };
  created.push(topics.policy, topics.status);
  return { file, timeoutMs, brokers: kafkaBrokers, topics };
}

const versionsOn = async (topic: string): Promise<string[]> =>
  (await new PolicyFeed({ kafka, topic, logger: silent, groupId: 'spec' }).readAll()).map((r) => r.version);

describe('sla policy publish, on the real broker', () => {
  const publisher = new EventPublisher(kafka);
  const status = (o: PolicyPublishOptions, instance: string, version: string) =>
    publishPolicyStatus(publisher, o.topics.status, { service: 'timer', instance, version, at: new Date().toISOString() });

  beforeAll(() => publisher.connect());

  afterAll(async () => {
    await publisher.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: created }).catch(() => undefined);
    await admin.disconnect();
  });

  it('refuses an invalid file whole, naming its issues, and publishes nothing', async () => {
    const o = options(policyFile('bad.yaml', editedPolicyText(['version: stageplus-2023-12-08', 'version: ""'])));
    await expect(policyPublishCommand(o, new PassThrough())).rejects.toMatchObject({ code: 'POLICY.INVALID', message: expect.stringMatching(/version/) });
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.listTopics()).not.toContain(o.topics.policy);
    await admin.disconnect();
  });

  it('publishes a version once: the same text again publishes nothing, another text under it is refused', async () => {
    const o = options(v2);
    const output = new PassThrough();
    await expect(policyPublishCommand(o, output)).resolves.toEqual([]);
    await expect(policyPublishCommand(o, output)).resolves.toEqual([]);
    expect(output.read().toString()).toMatch(/published v2[\s\S]*v2 is already published with this text: nothing to publish/);
    const other = policyFile('v2-other.yaml', editedPolicyText(['version: stageplus-2023-12-08', 'version: v2'], ['effectiveDate: 2023-12-08', 'effectiveDate: 2024-01-01']));
    await expect(policyPublishCommand({ ...o, file: other }, output)).rejects.toMatchObject({ code: 'POLICY.VERSION_EXISTS' });
    expect(await versionsOn(o.topics.policy)).toEqual(['v2']);
  });

  it('waits until every running instance holds the new version, and says which do', async () => {
    const o = options(v2);
    await status(o, 'a', 'stageplus-2023-12-08');
    const output = new PassThrough();
    const published = policyPublishCommand(o, output);
    await waitForLine(output, /published v2/);
    await status(o, 'a', 'v2');
    await expect(published).resolves.toEqual(['timer:a']);
  });

  it('gives up after its timeout, naming the instances that do not hold it', async () => {
    const o = options(v2, 1_500);
    await status(o, 'a', 'v2');
    await status(o, 'b', 'stageplus-2023-12-08');
    await expect(policyPublishCommand(o, new PassThrough())).rejects.toMatchObject({
      code: 'CLI.POLICY_NOT_FOLLOWED',
      message: expect.stringMatching(/timer:b \(holds stageplus-2023-12-08\)/),
    });
  });
});

function waitForLine(stream: PassThrough, line: RegExp): Promise<void> {
  let seen = '';
  return new Promise((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (line.test(seen)) resolve();
    });
  });
}
