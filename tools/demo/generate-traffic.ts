/**
 * The demo's traffic generator: posts realistic ticket traffic to intake (`POST /v1/events`) in
 * real time, a new ticket every few seconds for each establishment of the policy, each playing a
 * story (answered late, breached, paused and resumed, reprioritized, reopened, ...; see
 * ticket-stories.ts), until Ctrl-C. `npm run demo` runs it; alone:
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/demo/generate-traffic.ts --key KEY [--rate 6] [--seed 7]
 *   npx tsx --tsconfig tsconfig.base.json tools/demo/generate-traffic.ts --jsonl 10 > traffic.jsonl   # no HTTP
 *
 * `--wait URL` (repeatable) waits for each URL to answer 200 (the services' `/health/ready`)
 * before the first ticket opens, so that no event is late. `--jsonl MINUTES` prints the events of the tickets opened in the first MINUTES, as JSON Lines in
 * time order, for `sla replay`. Timings are fractions of each ticket's targets as elapsed time:
 * meant for a 24x7 policy such as tools/demo/demo-policy.yaml.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPolicyFile } from '@stageplus/sla-policy';
import { TrafficPlan } from './traffic-plan';
import type { PlannedEvent } from './ticket-stories';

export const DEMO_POLICY_PATH = join(__dirname, 'demo-policy.yaml');
const TICK_MS = 250;

const { values } = parseArgs({
  options: {
    intake: { type: 'string', default: process.env.INTAKE_URL ?? 'http://127.0.0.1:3000' },
    key: { type: 'string', default: process.env.INTAKE_DEV_API_KEY },
    policy: { type: 'string', default: process.env.POLICY_FILE ?? DEMO_POLICY_PATH },
    rate: { type: 'string', default: '6' },
    seed: { type: 'string' },
    start: { type: 'string' },
    jsonl: { type: 'string' },
    wait: { type: 'string', multiple: true, default: [] },
  },
});

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

function numberOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} must be a number from ${min} to ${max}, got ${text}`);
  return value;
}

async function main(): Promise<void> {
  for (const url of values.wait) await waitReady(url);
  const startAt = values.start === undefined ? Date.now() : Date.parse(values.start);
  if (Number.isNaN(startAt)) throw new Error(`--start must be an ISO instant, got ${values.start}`);
  const plan = new TrafficPlan({
    policy: loadPolicyFile(values.policy),
    startAt,
    ticketsPerMinute: numberOption('rate', values.rate, 0.1, 600),
    seed: values.seed === undefined ? startAt % 1_000_000 : numberOption('seed', values.seed, 0, 2 ** 31),
    runTag: startAt.toString(36).slice(-5).toUpperCase(),
  });
  if (values.jsonl !== undefined) {
    for (const { event } of plan.firstMinutes(numberOption('jsonl', values.jsonl, 0.1, 24 * 60))) process.stdout.write(`${JSON.stringify(event)}\n`);
    return;
  }
  if (values.key === undefined) throw new Error('--key (or INTAKE_DEV_API_KEY) is required: the API key npm start prints');
  await postInRealTime(plan, `${values.intake.replace(/\/+$/, '')}/v1/events`, values.key);
}

/** Posts each event at its instant; what intake could not take is posted again on the next tick. */
async function postInRealTime(plan: TrafficPlan, url: string, key: string): Promise<void> {
  let next = 0;
  let pending: PlannedEvent[] = [];
  let posted = 0;
  let failing = false;
  let running = true;
  const stop = () => {
    running = false;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  say(`posting ticket traffic to ${url}; Ctrl-C stops`);
  while (running) {
    const now = Date.now();
    for (; plan.openingOf(next) <= now; next++) pending.push(...plan.ticket(next));
    const due = pending.filter((p) => p.at <= now).sort((a, b) => a.at - b.at);
    if (due.length > 0) {
      const answer = await post(url, key, due.map((p) => p.event));
      if (answer.ok) {
        pending = pending.filter((p) => p.at > now);
        posted += due.length;
        if (failing) say('intake takes events again');
        failing = false;
        for (const { event } of due) say(`${new Date(now).toISOString().slice(11, 19)} ${event.tenantId} ${event.ticketId} ${event.type}${describe(event)}  (${posted} posted)`);
      } else if (answer.retry) {
        if (!failing) say(`intake did not take ${due.length} events (${answer.detail}); retrying`);
        failing = true;
      } else {
        pending = pending.filter((p) => p.at > now);
        say(`intake refused ${due.length} events: ${answer.detail}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  say(`stopped after ${posted} events`);
}

/** Polls `url` until it answers 200, for up to two minutes. */
async function waitReady(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer 200 within two minutes`);
}

function describe(event: PlannedEvent['event']): string {
  const parts = [
    event.impact === undefined ? '' : ` impact ${event.impact} urgency ${event.urgency}`,
    event.status === undefined ? '' : ` status ${event.status}`,
    event.reason === undefined ? '' : ` by ${event.actor} (${event.reason})`,
  ];
  return parts.join('');
}

async function post(url: string, key: string, events: unknown[]): Promise<{ ok: true } | { ok: false; retry: boolean; detail: string }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.ok) return { ok: true };
    const detail = `HTTP ${response.status} ${(await response.text()).slice(0, 300)}`;
    return { ok: false, retry: response.status >= 500 || response.status === 429, detail };
  } catch (error) {
    const e = error as { cause?: { code?: string }; message?: string };
    return { ok: false, retry: true, detail: e.cause?.code ?? e.message ?? String(error) };
  }
}

main().catch((error: unknown) => {
  say(`${(error as Error).message}`);
  process.exit(1);
});
