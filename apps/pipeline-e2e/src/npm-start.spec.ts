import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, freePorts, PrivateRedis, testBrokers, uniqueName, waitUntil } from '@stageplus/testing';
import { Redis } from 'ioredis';

jest.setTimeout(180_000);

const root = join(__dirname, '../../..');

async function answers(url: string): Promise<string | undefined> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG' ? ((await client.get('decoy')) ?? 'PONG') : undefined;
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

describe('npm start, then Ctrl-C', () => {
  const decoy = new PrivateRedis();
  const home = mkdtempSync(join(tmpdir(), 'npm-start-redis-'));
  let start: ChildProcess | undefined;
  let output = '';
  let redisUrl = '';

  beforeAll(async () => {
    await decoy.start();
    const client = new Redis(decoy.url);
    await client.set('decoy', 'another application keeps its data');
    client.disconnect();
  });
  afterAll(async () => {
    // A failure before the test's Ctrl-C: stop it the same way (its services run in groups of their own).
    if (start?.pid && start.exitCode === null && start.signalCode === null) {
      process.kill(-start.pid, 'SIGINT');
      await waitUntil(async () => ((await answers(redisUrl)) === undefined ? true : undefined), 45_000, 'npm start stopped').catch(() => undefined);
    }
    start?.stdout?.destroy();
    start?.stderr?.destroy();
    // And if it could not: the Redis it started (daemonized) by its pid file.
    if (redisUrl) spawnSync('bash', [join(root, 'tools/redis/ensure-redis.sh'), 'stop'], { env: { ...process.env, REDIS_URL: redisUrl, REDIS_LOCAL_HOME: home } });
    await decoy.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('stops the Redis it started, by its address, and leaves another Redis and the shared broker running', async () => {
    redisUrl = `redis://127.0.0.1:${await freePort()}`;
    const base = await freePorts(5);
    const id = uniqueName('npm-start');
    start = spawn('npm', ['start'], {
      cwd: root,
      detached: true, // its own process group, which the test signals as a terminal's Ctrl-C would
      env: {
        ...process.env,
        REDIS_URL: redisUrl,
        REDIS_LOCAL_HOME: home,
        KAFKA_BROKERS: testBrokers().kafkaBrokers.join(','),
        PORT_BASE: String(base),
        PRIORITY_GROUP_ID: `${id}-priority`,
        TIMER_GROUP_ID: `${id}-timer`,
        CONSOLE_GROUP_ID: `${id}-console`,
        TOPIC_TICKET_EVENTS: `${id}.events`,
        TOPIC_TICKETS_PRIORITIZED: `${id}.prioritized`,
        TOPIC_SLA_ESCALATIONS: `${id}.escalations`,
        TOPIC_SLA_BREACHES: `${id}.breaches`,
        TOPIC_SLA_OUTCOMES: `${id}.outcomes`,
        TOPIC_TIMER_STATE: `${id}.timer-state`,
        TOPIC_SLA_POLICY: `${id}.sla-policy`,
        TOPIC_SLA_POLICY_STATUS: `${id}.sla-policy-status`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    start.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    const exited = new Promise((resolve) => start?.once('exit', resolve));

    const ports = [base, base + 1, base + 2, base + 3];
    await waitUntil(
      async () => {
        if (start?.exitCode !== null) throw new Error(`npm start exited (${start?.exitCode}):\n${output.slice(-3_000)}`);
        const codes = await Promise.all(ports.map((p) => fetch(`http://127.0.0.1:${p}/health/ready`).then((r) => r.status, () => 0)));
        return codes.every((c) => c === 200) ? true : undefined;
      },
      120_000,
      'intake, priority, timer and console ready on PORT_BASE..+3',
    );
    expect(await answers(redisUrl)).toBe('PONG');
    expect(output).toMatch(/\[redis\] starting redis-server/);
    expect(output).not.toMatch(/\[kafka\] \[kafka\]/); // kafka.sh says nothing: KAFKA_BROKERS given, no broker started, none to stop

    process.kill(-(start.pid as number), 'SIGINT');
    await exited;
    // npm returns at once; start.ts goes on stopping the services, then the Redis it started.
    await waitUntil(async () => ((await answers(redisUrl)) === undefined ? true : undefined), 45_000, `the started Redis gone:\n${output.slice(-2_000)}`);
    expect(await answers(decoy.url)).toBe('another application keeps its data');
    expect(await answers(testBrokers().redisUrl)).toBeDefined();
    const stillListening = await Promise.all(ports.map((p) => fetch(`http://127.0.0.1:${p}/health/live`).then(() => p, () => undefined)));
    expect(stillListening.filter(Boolean)).toEqual([]);
  });
});
