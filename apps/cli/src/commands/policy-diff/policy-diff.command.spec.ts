import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { FAST_POLICY_PATH } from '@stageplus/testing';
import { runCli } from '../../testing/run-cli';
import { policyDiffCommand } from './policy-diff.command';

const dir = mkdtempSync(join(tmpdir(), 'policy-diff-'));
const fast = readFileSync(FAST_POLICY_PATH, 'utf8');
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const oldFile = file('old.yaml', fast);
const correction = file('fix.yaml', fast.replace('version: test-fast-24x7', 'version: fix\nreplaces: test-fast-24x7').replace('P2: { response: PT4S, resolution: PT8S', 'P2: { response: PT4S, resolution: PT9S'));
const T0 = Date.parse('2026-06-23T12:00:00Z');

/** A timer holding one open P2 ticket of tenant-a, opened at T0 under `version`. */
const timerUnder = (version: string) => (async (url: string | URL) => {
  const { pathname, searchParams } = new URL(String(url));
  if (pathname === '/v1/tickets') return Response.json({ items: searchParams.get('state') === 'running' ? [{ tenantId: 'tenant-a', ticketId: 'T-1' }] : [], nextCursor: null });
  return Response.json({
    tenantId: 'tenant-a',
    ticketId: 'T-1',
    policyVersion: version,
    clocks: { response: { thresholds: [] }, resolution: { thresholds: [] } },
    events: [{ eventId: 'e0', type: 'ticket.opened', occurredAt: new Date(T0).toISOString(), receivedAt: new Date(T0).toISOString(), impact: 2, urgency: 2 }],
  });
}) as typeof fetch;
const timer = timerUnder('test-fast-24x7');

const options = (newFile: string, json = false) => ({ oldFile, newFile, timerUrl: 'http://timer:3002', key: 'k', json });

describe('sla policy diff', () => {
  it('given a correction adding 1 s to P2 resolution, when diffed, then prints the moved clock and the summary', async () => {
    const output = new PassThrough();
    await policyDiffCommand(options(correction), output, T0 + 1_000, timer);
    expect(output.read().toString().split('\n')).toEqual([expect.stringMatching(/^tenant-a T-1 resolution .* \+1s$/), '1 open ticket(s) examined, 1 moved (1 clock(s))', '']);
  });

  it('given --json, when diffed, then prints JSON Lines: the move, then the summary', async () => {
    const output = new PassThrough();
    await policyDiffCommand(options(correction, true), output, T0 + 1_000, timer);
    const lines = output.read().toString().trim().split('\n').map((l: string) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ type: 'move', ticketId: 'T-1', clock: 'resolution', deltaMs: 1_000 }),
      { type: 'summary', examined: 1, moved: 1, clocksMoved: 1, otherVersion: 0 },
    ]);
  });

  it('given a new version that is no correction, when diffed, then nothing moves and a note says why', async () => {
    const output = new PassThrough();
    await policyDiffCommand(options(file('v2.yaml', fast.replace('version: test-fast-24x7', 'version: v2'))), output, T0 + 1_000, timer);
    expect(output.read().toString()).toMatch(/0 moved[\s\S]*v2 is a new version, not a correction of test-fast-24x7/);
  });

  it('given an invalid NEW, when run, then it is refused with its issues, exit 1, before asking the timer', () => {
    const bad = file('bad.yaml', fast.replace('version: test-fast-24x7', 'version: ""'));
    const run = runCli(['policy', 'diff', oldFile, bad, '--timer', 'http://127.0.0.1:9', '--key', 'k']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/POLICY.INVALID[\s\S]*version/);
  });

  it('given OLD is itself a correction in force, when a correction of it is diffed, then the move is computed against OLD', async () => {
    const fixText = readFileSync(correction, 'utf8');
    const fix2 = file('fix2.yaml', fixText.replace('version: fix\nreplaces: test-fast-24x7', 'version: fix2\nreplaces: fix').replace('resolution: PT9S', 'resolution: PT11S'));
    const output = new PassThrough();
    await policyDiffCommand({ ...options(fix2), oldFile: correction }, output, T0 + 1_000, timerUnder('fix'));
    expect(output.read().toString().split('\n')).toEqual([expect.stringMatching(/^tenant-a T-1 resolution .* \+2s$/), '1 open ticket(s) examined, 1 moved (1 clock(s))', '']);
  });
});
