import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonl, runCli } from '../../testing/run-cli';

/** Ticket events as an upstream system sends them. */
const ticket = (tenantId: string, ticketId: string) => {
  let n = 0;
  return (type: string, occurredAt: string, extra: object = {}) => ({ eventId: `${ticketId}-${++n}`, type, tenantId, ticketId, occurredAt, ...extra });
};
const t1 = ticket('chu-sainte-justine', 'T-1'); // PLUS P1, 24x7: response 30 min, resolution 4 h
const t2 = ticket('chu-sainte-justine', 'T-2');
const t3 = ticket('ciusss-capitale-nationale', 'T-3'); // BASE P2, business hours: response 2 h
const t4 = ticket('chu-sainte-justine', 'T-4');
const log = jsonl([
  t1('ticket.opened', '2026-03-10T14:00:00Z', { impact: 1, urgency: 1 }),
  t1('ticket.responded', '2026-03-10T14:10:00Z'),
  t1('ticket.resolved', '2026-03-10T15:00:00Z'),
  t1('ticket.closed', '2026-03-10T15:05:00Z'),
  // Closed at 23:30 on 31 March in Montréal, 1 April in UTC: a March ticket; answered after 45 min.
  t2('ticket.opened', '2026-03-31T22:00:00-04:00', { impact: 1, urgency: 1 }),
  t2('ticket.responded', '2026-03-31T22:45:00-04:00'),
  t2('ticket.resolved', '2026-03-31T23:00:00-04:00'),
  t2('ticket.closed', '2026-03-31T23:30:00-04:00'),
  t3('ticket.opened', '2026-02-10T14:00:00Z', { impact: 2, urgency: 2 }),
  t3('ticket.responded', '2026-02-10T14:30:00Z'),
  t3('ticket.closed', '2026-02-10T16:00:00Z'),
  t4('ticket.opened', '2026-03-12T14:00:00Z', { impact: 1, urgency: 1 }), // still open: not counted
]);
const period = ['--from', '2026-02-01', '--to', '2026-03-31'];

describe('sla report, from an event log through the replay engine', () => {
  it('counts met and breached clocks per establishment, local month of closing, priority and clock (CSV, English)', () => {
    const run = runCli(['report', ...period, '--format', 'csv', '--lang', 'en', '--events'], log);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\r\n')).toEqual([
      'tenant,month,priority,clock,met,breached,total,compliance (%)',
      'chu-sainte-justine,2026-03,P1,response,1,1,2,50.0',
      'chu-sainte-justine,2026-03,P1,resolution,2,0,2,100.0',
      'ciusss-capitale-nationale,2026-02,P2,response,1,0,1,100.0',
      'ciusss-capitale-nationale,2026-02,P2,resolution,1,0,1,100.0',
      '',
    ]);
  });

  it('reads the log from a file, keeps one establishment, and answers JSON by default', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sla-report-')), 'events.jsonl');
    writeFileSync(file, log);
    const run = runCli(['report', ...period, '--tenant', 'ciusss-capitale-nationale', '--events', file]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { tenantId: string; tickets: number; rows: { clock: string; compliancePercent: number }[] };
    expect(report).toMatchObject({ title: 'Conformité aux engagements de service (SLA)', tenantId: 'ciusss-capitale-nationale', tickets: 1 });
    expect(report.rows.map((r) => r.clock)).toEqual(['response', 'resolution']);
  });

  it('writes a self-contained HTML page in French', () => {
    const run = runCli(['report', ...period, '--format', 'html', '--events', '-'], log);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('<html lang="fr">');
    expect(run.stdout).toContain('<svg');
    expect(run.stdout).toContain('réponse initiale');
  });

  it('reports a bad line on stderr, counts the rest and exits 1', () => {
    const run = runCli(['report', ...period, '--format', 'csv', '--events'], log + 'not json\n');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stderr.trim())).toMatchObject({ line: 13, error: { code: 'INPUT.INVALID_JSON' } });
    expect(run.stdout.split('\r\n')).toHaveLength(6);
  });

  it('refuses a bad period or format with a usage error naming the option', () => {
    expect(runCli(['report', '--to', '2026-03-31', '--events'], log)).toMatchObject({ status: 2, stderr: expect.stringContaining('--from') });
    expect(runCli(['report', '--from', '2026-04-01', '--to', '2026-03-31', '--events'], log)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('REPORT.INVALID_PERIOD'),
    });
    expect(runCli(['report', ...period, '--format', 'pdf', '--events'], log)).toMatchObject({ status: 2, stderr: expect.stringContaining('--format') });
  });
});
