/**
 * `tsx tools/build/start-time.ts [--runs 5]`: start-to-ready of each service, from its TypeScript
 * sources through tsx (`npm run dev`, and `npm start` before issue 14) and from its bundle
 * (`npm start`, the image). Each start is alone: spawn, poll `/health/ready` every 20 ms until
 * 200, SIGTERM, wait for the exit, next. Topics, groups and Redis prefixes are unique to the run,
 * on the brokers of KAFKA_BROKERS / REDIS_URL (default: the local ones). Run `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { WORKSPACE_ROOT } from './bundle';

const SERVICES = ['intake', 'priority', 'timer', 'console', 'oncall-bridge'] as const;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const id = `start-time-${randomBytes(3).toString('hex')}`;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

function env(port: number): Record<string, string> {
  return {
    ...process.env,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    TSX_TSCONFIG_PATH: 'tsconfig.base.json',
    INTAKE_DEV_API_KEY: 'start-time-0123456789abcdef01234567',
    DEV_API_KEY: 'start-time-0123456789abcdef01234567',
    ...Object.fromEntries(Object.keys(DEFAULT_TOPICS).map((name) => [`TOPIC_${name.replace(/[A-Z]/g, '_$&').toUpperCase()}`, `${id}.${name}`])),
    PRIORITY_GROUP_ID: `${id}-priority`,
    TIMER_GROUP_ID: `${id}-timer`,
    CONSOLE_GROUP_ID: `${id}-console`,
    BRIDGE_GROUP_ID: `${id}-bridge`,
    TIMER_QUEUE: id,
    REDIS_PREFIX: `${id}:`,
    BRIDGE_FORMAT: 'alertmanager',
    BRIDGE_WEBHOOK_URL: 'http://127.0.0.1:9/hook',
  };
}

async function startToReady(service: string, compiled: boolean): Promise<number> {
  const port = await freePort();
  const entry = compiled ? ['--enable-source-maps', `dist/apps/${service}/main.js`] : ['--import', 'tsx', `apps/${service}/src/main.ts`];
  const started = performance.now();
  const child = spawn(process.execPath, entry, { cwd: WORKSPACE_ROOT, env: env(port), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${service} exited ${child.exitCode}: ${stderr.slice(-1_000)}`);
      const status = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.status, () => 0);
      if (status === 200) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error(`${service} not ready in 60 s: ${stderr.slice(-1_000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  const runs = Number(values.runs);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  process.stdout.write('service        tsx (median, min-max ms)   compiled (median, min-max ms)\n');
  for (const service of SERVICES) {
    const times = { tsx: [] as number[], compiled: [] as number[] };
    // Alternated, so that a noisy neighbour on the shared cores weighs on both alike.
    for (let i = 0; i < runs; i++) {
      times.tsx.push(await startToReady(service, false));
      times.compiled.push(await startToReady(service, true));
    }
    const show = (xs: number[]) => `${Math.round(median(xs))} (${Math.round(Math.min(...xs))}-${Math.round(Math.max(...xs))})`.padEnd(27);
    process.stdout.write(`${service.padEnd(15)}${show(times.tsx)}${show(times.compiled)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
