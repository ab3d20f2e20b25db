/**
 * `npm start`: the whole system on this machine. Builds the services if a source changed since
 * the last build (tools/build/ensure-built.ts), brings up Redis (if none answers) and the local
 * Kafka broker, creates every topic (tools/dev/ensure-topics.ts), generates a development API
 * key, then runs the compiled intake, priority, timer and console (`node dist/apps/<app>/main.js`,
 * as the image does) with readable, prefixed logs. Ctrl-C stops the services, then the brokers
 * this script started.
 *
 * `--dev` (`npm run dev`) runs the TypeScript sources through tsx instead, no build, each
 * service restarted by `node --watch` when a file it loaded changes.
 *
 * With `BRIDGE_WEBHOOK_URL` set (and the other `BRIDGE_*` variables), it runs the on-call
 * bridge on :3004 too. `--demo` (`npm run demo`) gives every service the demo policy
 * (tools/demo/demo-policy.yaml: targets in minutes, 24x7) and runs the traffic generator, on
 * topics, consumer groups, a queue and Redis key prefixes of its own (`demo.` / `demo-` /
 * `demo:`), whatever the environment says: a demo never reads or decides an installation's tickets.
 *
 * `REDIS_URL` and `KAFKA_BROKERS` point it at brokers of your own: with `KAFKA_BROKERS` set no
 * broker is started; `PORT_BASE` (default 3000) moves the services' ports (intake on it, then
 * priority, timer, console, bridge).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { ingestCpuNice } from '@stageplus/config';
import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { ensureBuilt } from '../build/ensure-built';

const root = join(__dirname, '../..');
const colors = { intake: 36, priority: 35, timer: 33, console: 34, bridge: 94, demo: 92, kafka: 32, redis: 31, build: 90, start: 37 } as const;
const demo = process.argv.includes('--demo');
const dev = process.argv.includes('--dev');
const portBase = Number(process.env.PORT_BASE ?? 3000);
const portOf = { intake: portBase, priority: portBase + 1, timer: portBase + 2, console: portBase + 3, bridge: portBase + 4 };
const local = (name: keyof typeof portOf) => `http://127.0.0.1:${portOf[name]}`;
type Name = keyof typeof colors;

function say(name: Name, line: string): void {
  const tag = process.stdout.isTTY ? `\x1b[${colors[name]}m[${name}]\x1b[0m` : `[${name}]`;
  process.stdout.write(`${tag} ${line}\n`);
}

function step(name: Name, command: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  for (const line of `${result.stderr ?? ''}`.split('\n').filter(Boolean)) say(name, line);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status})`);
  return result.stdout ?? '';
}

/**
 * The demo's own names, over any in the environment: a demo that shared an installation's topics
 * and Redis re-decided its open tickets under the demo policy and fired them all at once.
 */
const DEMO_NAMES: Record<string, string> = {
  // Every topic of the system, a new one included: `slaPolicyStatus` is read from TOPIC_SLA_POLICY_STATUS.
  ...Object.fromEntries(Object.entries(DEFAULT_TOPICS).map(([name, topic]) => [`TOPIC_${name.replace(/[A-Z]/g, '_$&').toUpperCase()}`, `demo.${topic}`])),
  PRIORITY_GROUP_ID: 'demo-sla-priority',
  TIMER_GROUP_ID: 'demo-sla-timer',
  CONSOLE_GROUP_ID: 'demo-sla-console',
  BRIDGE_GROUP_ID: 'demo-sla-oncall-bridge',
  TIMER_QUEUE: 'demo-sla-thresholds',
};
/** REDIS_PREFIX differs per service (each default is `sla:<service>:`). */
const demoPrefix = (service: string): Record<string, string> => (demo ? { REDIS_PREFIX: `demo:sla:${service}:` } : {});

/**
 * A service's entry: its bundle, or with `--dev` its TypeScript source through tsx, restarted by
 * `node --watch` (`node --import tsx`, not the tsx CLI, which SIGKILLs a child that does not
 * stop within 30 ms).
 */
function entryOf(app: string): string[] {
  return dev ? ['--watch', '--import', 'tsx', `apps/${app}/src/main.ts`] : ['--enable-source-maps', `dist/apps/${app}/main.js`];
}

function run(name: Name, entry: string[], env: Record<string, string>, args: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json', LOG_FORMAT: 'pretty', ...env },
    detached: true, // its own process group: Ctrl-C reaches this script, which stops it in order
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => say(name, line));
  }
  child.on('exit', (code, signal) => say(name, `exited (${signal ?? code})`));
  return child;
}

async function main(): Promise<void> {
  if (!dev) ensureBuilt((line) => say('build', line));
  const startedRedis = step('redis', 'bash', ['tools/redis/ensure-redis.sh']).includes('started');
  // Brokers given in KAFKA_BROKERS are used as they are; otherwise the local one (KAFKA_PORT), started if silent.
  const startedKafka = !process.env.KAFKA_BROKERS && step('kafka', 'bash', ['tools/kafka/kafka.sh', 'start']).includes('started');
  const key = process.env.INTAKE_DEV_API_KEY ?? randomBytes(24).toString('hex');
  const common: Record<string, string> = {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    ...(demo ? { POLICY_FILE: join(root, 'tools/demo/demo-policy.yaml'), ...DEMO_NAMES } : {}),
  };
  // Before any service: on a fresh broker, services creating the topics they are about to
  // consume race each other, and a consumer can subscribe to a partition no leader serves yet.
  const topics = dev ? ['--import', 'tsx', 'tools/dev/ensure-topics.ts'] : ['dist/tools/ensure-topics/main.js'];
  step('kafka', process.execPath, topics, { ...common, TSX_TSCONFIG_PATH: 'tsconfig.base.json' });
  // Taking in and enriching events yields the CPU to the timer's firings on this shared host.
  const ingest = { CPU_NICE: ingestCpuNice(process.env) };
  const children: [Name, ChildProcess][] = [
    ['intake', run('intake', entryOf('intake'), { ...common, ...ingest, PORT: String(portOf.intake), INTAKE_DEV_API_KEY: key })],
    ['priority', run('priority', entryOf('priority'), { ...common, ...ingest, ...demoPrefix('priority'), PORT: String(portOf.priority) })],
    ['timer', run('timer', entryOf('timer'), { ...common, ...demoPrefix('timer'), PORT: String(portOf.timer), DEV_API_KEY: key })],
    ['console', run('console', entryOf('console'), { ...common, PORT: String(portOf.console), DEV_API_KEY: key, TIMER_URL: local('timer') })],
  ];
  if (process.env.BRIDGE_WEBHOOK_URL || process.env.BRIDGE_FILE) {
    children.push(['bridge', run('bridge', entryOf('oncall-bridge'), { ...common, ...demoPrefix('bridge'), PORT: String(portOf.bridge) })]);
  }
  if (demo) {
    // Waits for the services that must see the first events on time, then opens a ticket every 10 s.
    const ready = (['intake', 'priority', 'timer'] as const).map((name) => `${local(name)}/health/ready`);
    // The generator is a development tool, not a service: it stays TypeScript, run through tsx.
    const generator = ['--import', 'tsx', 'tools/demo/generate-traffic.ts'];
    children.push(['demo', run('demo', generator, { INTAKE_DEV_API_KEY: key, INTAKE_URL: local('intake'), ...common }, ready.flatMap((url) => ['--wait', url]))]);
  }
  say('start', `development API key (all tenants): ${key}`);
  say('start', `post events:  curl -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' -d @event.json ${local('intake')}/v1/events`);
  say('start', `read a clock: curl -H "Authorization: Bearer <key>" ${local('timer')}/v1/tenants/<tenant>/tickets/<ticket>/sla`);
  say('start', `SLA console: ${local('console')} (sign in with the development key above)`);
  say('start', `metrics: <service>/metrics; the timer queues: ${local('timer')}/admin/queues (any user, the key above as password)`);
  if (demo) {
    say('start', 'demo: policy tools/demo/demo-policy.yaml (targets in minutes, 24x7); the first escalation fires about 30 s after the first ticket');
    say('start', `demo: on its own topics, groups and Redis prefixes (demo.*, demo-*, demo:*); an installation's tickets are not touched`);
    const watchEnv = `TOPIC_SLA_ESCALATIONS=${DEMO_NAMES.TOPIC_SLA_ESCALATIONS} TOPIC_SLA_BREACHES=${DEMO_NAMES.TOPIC_SLA_BREACHES}`;
    say('start', `demo: watch it in the console (${local('console')}, key above) or in a terminal: ${watchEnv} npm run --silent sla -- watch`);
  }
  say('start', 'Ctrl-C stops everything');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('start', 'stopping the services');
    await Promise.all(children.map(([, child]) => terminate(child)));
    // Only what this script started, by its pid file: a broker or a Redis that was already
    // running stays, and so does another application's Redis on another port.
    if (startedKafka) step('kafka', 'bash', ['tools/kafka/kafka.sh', 'stop']);
    if (startedRedis) step('redis', 'bash', ['tools/redis/ensure-redis.sh', 'stop'], { REDIS_URL: common.REDIS_URL });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const [name, child] of children) {
    child.on('exit', () => {
      if (!stopping) {
        say('start', `${name} stopped unexpectedly: stopping everything`);
        void stop();
      }
    });
  }
}

function terminate(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    process.kill(-child.pid, 'SIGTERM');
  });
}

main().catch((error: unknown) => {
  say('start', (error as Error).message);
  process.exit(1);
});
