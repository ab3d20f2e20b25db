import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { FAST_POLICY_PATH, testBrokers, ticketEvents as ticket, waitUntil } from '@stageplus/testing';
import { Pipeline } from './testing/pipeline';

jest.setTimeout(120_000);

const DAY_MS = 86_400_000;
const root = join(__dirname, '../../..');

/** `sla policy publish FILE` as an operator runs it; resolves with its exit code and output. */
function publishCommand(file: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'policy', 'publish', file], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** The fast policy as version test-fast-v2, in force from yesterday, with P1 response in 3 s instead of 2. */
function versionTwo(): string {
  const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
  const text = readFileSync(FAST_POLICY_PATH, 'utf8')
    .replace('version: test-fast-24x7', 'version: test-fast-v2')
    .replace('effectiveDate: 2026-01-01', `effectiveDate: ${yesterday}`)
    .replace('P1: { response: PT2S, resolution: PT4S', 'P1: { response: PT3S, resolution: PT6S');
  const file = join(mkdtempSync(join(tmpdir(), 'policy-v2-')), 'v2.yaml');
  writeFileSync(file, text);
  return file;
}

describe('a policy version published while priority and timer run (real broker, services as processes)', () => {
  const pipeline = new Pipeline(FAST_POLICY_PATH);
  beforeAll(() => pipeline.start(), 120_000);
  afterAll(() => pipeline.stop());

  const readiness = async (service: 'priority' | 'timer') =>
    ((await (await fetch(`${pipeline.url(service)}/health/ready`)).json()) as { checks: { policy?: { detail?: string } } }).checks.policy?.detail;
  const sla = async (ticketId: string) => {
    const response = await fetch(`${pipeline.url('timer')}/v1/tenants/tenant-a/tickets/${ticketId}/sla`, { headers: { authorization: `Bearer ${pipeline.apiKey}` } });
    return response.status === 200 ? ((await response.json()) as { policyVersion: string; clocks: { response: { targetMs: number } } }) : undefined;
  };

  it('goes live without a restart: the command returns once both services hold it, a ticket opened after takes it, one opened before keeps its version', async () => {
    expect(await readiness('timer')).toBe('version test-fast-24x7 in force, history of 1 version');
    const before = ticket('tenant-a');
    await pipeline.postOk(before.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
    await waitUntil(() => sla(before.ticketId), 20_000, 'the first ticket in the timer');

    const published = await publishCommand(versionTwo(), {
      KAFKA_BROKERS: testBrokers().kafkaBrokers.join(','),
      TOPIC_SLA_POLICY: pipeline.topics.policy,
      TOPIC_SLA_POLICY_STATUS: pipeline.topics.policyStatus,
    });
    expect(published).toEqual({ code: 0, stdout: expect.stringMatching(/published test-fast-v2[\s\S]*test-fast-v2 held by priority:\S+, timer:\S+\n$/), stderr: '' });
    for (const service of ['priority', 'timer'] as const) {
      expect(await readiness(service)).toBe('version test-fast-v2 in force, history of 2 versions');
    }

    const after = ticket('tenant-a');
    await pipeline.postOk(after.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
    const taken = await waitUntil(() => sla(after.ticketId), 20_000, 'the second ticket in the timer');
    expect([taken.policyVersion, taken.clocks.response.targetMs]).toEqual(['test-fast-v2', 3_000]);
    const kept = await sla(before.ticketId);
    expect([kept?.policyVersion, kept?.clocks.response.targetMs]).toEqual(['test-fast-24x7', 2_000]);
  });
});
