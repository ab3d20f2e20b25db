import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { SlaTopicEvent } from '@stageplus/contracts';

jest.setTimeout(120_000);

const root = join(__dirname, '../..');
const START = '2026-06-16T14:00:00.000Z';

function run(args: string[], input = ''): string {
  const result = spawnSync(join(root, 'node_modules/.bin/tsx'), ['--tsconfig', 'tsconfig.base.json', ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

describe('the demo policy on generated traffic, through sla replay', () => {
  const traffic = run(['tools/demo/generate-traffic.ts', '--jsonl', '5', '--start', START, '--seed', '42']);
  const events = run(['apps/cli/src/main.ts', 'replay', '--events', '--policy', 'tools/demo/demo-policy.yaml'], traffic)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SlaTopicEvent);
  const minutesIn = (e: SlaTopicEvent) => (Date.parse(e.type === 'sla.cleared' ? e.clearedAt : e.firedAt) - Date.parse(START)) / 60_000;

  it('escalates within the first minute of virtual time, and clears it soon after', () => {
    const first = events.find((e) => e.type === 'sla.escalated');
    expect(first).toBeDefined();
    expect(minutesIn(first as SlaTopicEvent)).toBeLessThan(1);
    const clear = events.find((e) => e.type === 'sla.cleared' && e.alertKey === first?.alertKey);
    expect(clear).toBeDefined();
    expect(minutesIn(clear as SlaTopicEvent)).toBeLessThan(2);
  });

  it('shows every kind of alert within five minutes: escalations, a breach, clears by response, resolution and pause', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['sla.escalated', 'sla.breached', 'sla.cleared']));
    const reasons = new Set(events.flatMap((e) => (e.type === 'sla.cleared' ? [e.reason] : [])));
    expect([...reasons]).toEqual(expect.arrayContaining(['responded', 'resolved', 'paused']));
  });
});
