import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY_PATH } from '@stageplus/sla-policy';
import { runCli } from '../testing/run-cli';

const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const v1 = readFileSync(DEFAULT_POLICY_PATH, 'utf8');
const corrected = v1
  .replace('version: stageplus-2023-12-08', 'version: stageplus-2023-12-08-fix1\nreplaces: stageplus-2023-12-08')
  .replace('P2: { response: 2h, resolution: 2j }', 'P2: { response: 1h, resolution: 2j }');

describe('sla replay --policy-history', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sla-history-'));
    writeFileSync(join(dir, 'v1.yaml'), v1);
    writeFileSync(join(dir, 'fix1.yaml'), corrected);
    writeFileSync(join(dir, 'history.yaml'), 'versions:\n  - file: v1.yaml\n  - file: fix1.yaml\n    publishedAt: 2026-06-16T09:50:00-04:00\n');
    writeFileSync(join(dir, 'bad.yaml'), 'versions:\n  - file: v1.yaml\n  - file: fix1.yaml\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays each ticket under the version governing it: a correction published mid-log fires what it moved earlier at its publication, late', () => {
    const events = [{ eventId: 'e1', type: 'ticket.opened', tenantId: 'hopital-x', ticketId: 'T-1', occurredAt: '2026-06-16T09:00:00-04:00', impact: 2, urgency: 2 }];
    const run = runCli(['replay', '--policy-history', join(dir, 'history.yaml'), '--until', '2026-06-16T10:00:00-04:00'], jsonl(events));
    expect(run.stderr).toBe('');
    const fired = run.lines as { percent: number; firedAt: string; late: boolean }[];
    expect(fired.map((l) => `${l.percent} ${l.firedAt} ${l.late}`)).toEqual([
      '50 2026-06-16T13:50:00.000Z true',
      '75 2026-06-16T13:50:00.000Z true',
      '100 2026-06-16T14:00:00.000Z false',
    ]);
  });

  it('refuses a history whose later version has no publication instant, naming the key', () => {
    const run = runCli(['replay', '--policy-history', join(dir, 'bad.yaml')], '');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/CLI\.POLICY_HISTORY|publishedAt/);
  });
});
