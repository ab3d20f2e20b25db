import { spawn, type ChildProcess } from 'node:child_process';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { createKafka } from '@stageplus/kafka';
import { testBrokers, uniqueName, waitUntil } from '@stageplus/testing';
import { ticketEvent } from './testing/intake-under-test';

async function deleteTopics(...topics: string[]): Promise<void> {
  const admin = createKafka({ brokers: testBrokers().kafkaBrokers, clientId: uniqueName('intake-main-admin') }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).finally(() => admin.disconnect());
}

/** Policy topics of the test's own: the shared broker's `sla.policy` is left alone. */
function policyTopics(): { TOPIC_SLA_POLICY: string; TOPIC_SLA_POLICY_STATUS: string } {
  const topic = uniqueName('intake-main-policy');
  return { TOPIC_SLA_POLICY: topic, TOPIC_SLA_POLICY_STATUS: `${topic}.status` };
}

const root = join(__dirname, '../../..');
const DEV_KEY = 'dev-key-for-the-main-spec-7d1e';

/**
 * Runs `main.ts` through tsx's loader, which transpiles with esbuild and so emits no decorator
 * metadata, as `npm start` does. Through `node --import tsx` rather than the tsx CLI: the CLI
 * relays signals to a child process and SIGKILLs it when the child does not acknowledge within
 * 30 ms, which under load cuts the graceful shutdown this test checks.
 */
function runMain(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<NodeJS.Signals | number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/intake/src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', TSX_TSCONFIG_PATH: 'tsconfig.base.json', KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('close', (code, signal) => resolve(signal ?? code)));
  return { child, output: () => output, exited };
}

describe('the intake process', () => {
  it('refuses to start without API_KEYS, naming the variable', async () => {
    const run = runMain({});
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/intake: invalid configuration\n {2}API_KEYS: is required/);
  });

  it('starts with the development key at the CPU priority asked, warns without printing the key, accepts events, and stops on SIGTERM', async () => {
    const topic = uniqueName('intake-main');
    const policy = policyTopics();
    const run = runMain({ INTAKE_DEV_API_KEY: DEV_KEY, PORT: '0', CPU_NICE: '7', KAFKA_BROKERS: testBrokers().kafkaBrokers.join(','), TOPIC_TICKET_EVENTS: topic, ...policy });
    try {
      const url = await waitUntil(async () => /intake: listening on (http:\/\/\S+)\n/.exec(run.output())?.[1], 20_000, 'the listening line');
      expect(getPriority(run.child.pid)).toBe(Math.max(7, getPriority()));

      const answer = await fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${DEV_KEY}` },
        body: JSON.stringify(ticketEvent({ tenantId: 'any-tenant' })),
      });

      expect(answer.status).toBe(202);
      expect(run.output()).toMatch(/INTAKE_DEV_API_KEY is set/);
      expect(run.output()).not.toContain(DEV_KEY);
    } finally {
      run.child.kill('SIGTERM');
      await deleteTopics(topic, ...Object.values(policy));
    }
    // Nest closes the app, then re-raises the signal: the process ends by SIGTERM, after its last log line.
    expect(await run.exited).toBe('SIGTERM');
    expect(run.output()).toMatch(/Kafka producer disconnected/);
  });

  it('prints its shutdown lines in the pretty format of npm start too: the log is written in-process, not by a worker the signal cuts off', async () => {
    const policy = policyTopics();
    const run = runMain({ INTAKE_DEV_API_KEY: DEV_KEY, PORT: '0', LOG_FORMAT: 'pretty', KAFKA_BROKERS: testBrokers().kafkaBrokers.join(','), ...policy });
    await waitUntil(async () => (/intake: listening on /.test(run.output()) ? true : undefined), 20_000, 'the listening line');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe('SIGTERM');
    await deleteTopics(...Object.values(policy));
    expect(run.output()).toMatch(/INFO: Kafka producer disconnected/);
  });
});
