import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY_PATH } from '@stageplus/sla-policy';
import { jsonl, runCli } from './testing/run-cli';

const escalations = (line: unknown, clock: 'response' | 'resolution') =>
  (line as Record<string, { escalations: { percent: number; at: string }[] }>)[clock].escalations;

describe('sla deadlines', () => {
  const cases = [
    { id: 'ex1', plan: 'BASE', impact: 2, urgency: 3, openedAt: '2026-06-23T15:10:00-04:00' },
    { id: 'ex2', plan: 'PLUS', impact: 1, urgency: 1, openedAt: '2026-03-08T00:30:00-05:00' },
    {
      id: 'ex3',
      plan: 'BASE',
      impact: 1,
      urgency: 1,
      openedAt: '2026-11-27T16:00:00-05:00',
      pauses: [{ from: '2026-11-30T09:00:00-05:00', to: '2026-11-30T10:00:00-05:00' }],
    },
    { id: 'bad', plan: 'GOLD', impact: 9, urgency: 1, openedAt: 'yesterday' },
    'not json',
  ];
  const input = cases.map((c) => (typeof c === 'string' ? c : JSON.stringify(c))).join('\n') + '\n';
  const run = runCli(['deadlines'], input);

  it('gives the three worked examples of the semantics page exactly', () => {
    const [ex1, ex2, ex3] = run.lines as Record<string, unknown>[];
    expect(ex1).toMatchObject({
      id: 'ex1',
      priority: 'P3',
      calendar: 'business',
      response: { targetMinutes: 480, dueAt: '2026-06-25T19:10:00.000Z' },
      resolution: { targetMinutes: 1920, dueAt: '2026-06-30T19:10:00.000Z' },
    });
    expect(ex2).toMatchObject({
      id: 'ex2',
      priority: 'P1',
      calendar: '24x7',
      response: { targetMinutes: 30, dueAt: '2026-03-08T06:00:00.000Z' },
      resolution: { targetMinutes: 240, dueAt: '2026-03-08T09:30:00.000Z' },
    });
    expect(ex3).toMatchObject({
      id: 'ex3',
      priority: 'P1',
      response: { dueAt: '2026-11-30T14:00:00.000Z' },
      resolution: { dueAt: '2026-12-01T14:00:00.000Z' },
    });
    expect(escalations(ex3, 'response')[0]).toEqual({ percent: 50, at: '2026-11-27T21:30:00.000Z' });
    expect(escalations(ex1, 'response').map((e) => e.percent)).toEqual([50, 75, 100, 150]);
  });

  it('answers a bad line with an error line naming the fields, keeps going, and exits non-zero', () => {
    const [, , , bad, notJson] = run.lines as { id: unknown; error: { code: string; message: string } }[];
    expect(bad.id).toBe('bad');
    expect(bad.error.code).toBe('CASE.INVALID');
    expect(bad.error.message).toMatch(/plan/);
    expect(bad.error.message).toMatch(/impact/);
    expect(bad.error.message).toMatch(/openedAt/);
    expect(notJson).toMatchObject({ id: null, error: { code: 'INPUT.INVALID_JSON' } });
    expect(run.lines).toHaveLength(5);
    expect(run.status).toBe(1);
  });

  it('exits 0 when every line is good', () => {
    const ok = runCli(['deadlines'], jsonl([cases[0]]));
    expect(ok.status).toBe(0);
    expect(ok.lines).toHaveLength(1);
  });
});

describe('sla replay', () => {
  const events = [
    { eventId: 'e1', type: 'ticket.opened', tenantId: 'hopital-x', ticketId: 'T-1', occurredAt: '2026-06-16T09:00:00-04:00', impact: 2, urgency: 2 },
    { eventId: 'e2', type: 'ticket.responded', tenantId: 'hopital-x', ticketId: 'T-1', occurredAt: '2026-06-16T10:50:00-04:00', receivedAt: '2026-06-16T11:20:00-04:00' },
  ];

  it('fires the late-response example of section 7: the breach at 11:00 stays, nothing more at 11:20', () => {
    const run = runCli(['replay', '--plan', 'BASE', '--summary'], jsonl(events));
    expect(run.status).toBe(0);
    expect(run.lines).toEqual([
      { type: 'sla.escalated', tenantId: 'hopital-x', ticketId: 'T-1', clock: 'response', percent: 50, level: 1, priority: 'P2', thresholdAt: '2026-06-16T14:00:00.000Z', firedAt: '2026-06-16T14:00:00.000Z', late: false },
      { type: 'sla.escalated', tenantId: 'hopital-x', ticketId: 'T-1', clock: 'response', percent: 75, level: 2, priority: 'P2', thresholdAt: '2026-06-16T14:30:00.000Z', firedAt: '2026-06-16T14:30:00.000Z', late: false },
      { type: 'sla.breached', tenantId: 'hopital-x', ticketId: 'T-1', clock: 'response', percent: 100, level: null, priority: 'P2', thresholdAt: '2026-06-16T15:00:00.000Z', firedAt: '2026-06-16T15:00:00.000Z', late: false },
    ]);
    expect(run.stderr).toMatch(/response\s+P2\s+1\s+0/);
  });

  it('prints whole SLA events with --events, as the timer publishes them', () => {
    const run = runCli(['replay', '--plan', 'BASE', '--events'], jsonl(events));
    expect(run.lines[2]).toMatchObject({ type: 'sla.breached', eventId: 'sla:hopital-x:T-1:response:100', plan: 'BASE', dueAt: '2026-06-16T15:00:00.000Z', schemaVersion: 1 });
    expect((run.lines[2] as { message: { fr: string } }).message.fr).toContain('dépassé');
  });

  it('reports a bad event on stderr with its line and exits non-zero, still replaying the rest', () => {
    const run = runCli(['replay', '--plan', 'BASE'], jsonl([...events, { eventId: 'x', type: 'ticket.opened' }]));
    expect(run.status).toBe(1);
    expect(run.lines).toHaveLength(3);
    expect(run.stderr).toMatch(/"line":3/);
    expect(run.stderr).toMatch(/tenantId/);
  });
});

describe('sla explain', () => {
  it('prints the clocks, deadlines and the segments that made them', () => {
    const events = [
      { eventId: 'e1', type: 'ticket.opened', tenantId: 'h', ticketId: 'T-9', occurredAt: '2026-06-23T15:10:00-04:00', impact: 2, urgency: 3 },
    ];
    const run = runCli(['explain', '--plan', 'BASE', '--lang', 'en', '--now', '2026-06-23T20:00:00Z'], jsonl(events));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Ticket h/T-9: P3 (impact 2, urgency 3)');
    expect(run.stdout).toContain('due 2026-06-25 15:10 EDT');
    expect(run.stdout).toContain('holiday (National Holiday) [projected]');
    const json = runCli(['explain', '--plan', 'BASE', '--json', '--now', '2026-06-23T20:00:00Z'], jsonl(events));
    type Segment = { kind: string; projected: boolean; elapsedMs: number };
    const x = JSON.parse(json.stdout) as { clocks: { response: { dueAt: string; segments: Segment[] } } };
    expect(x.clocks.response.dueAt).toBe('2026-06-25T19:10:00.000Z');
    // now (16:00) cuts Tuesday's counted stretch: what is past, then what is projected
    expect(x.clocks.response.segments.map((s) => `${s.kind}${s.projected ? '*' : ''}`)).toEqual([
      'running',
      'running*',
      'outside_hours*',
      'holiday*',
      'outside_hours*',
      'running*',
    ]);
    expect(x.clocks.response.segments.at(-1)?.elapsedMs).toBe(8 * 3_600_000);
    const holiday = (x.clocks.response.segments as (Segment & { reason?: string; labels?: unknown })[]).find((s) => s.kind === 'holiday');
    expect(holiday).toMatchObject({ reason: 'Fête nationale du Québec', labels: { fr: 'Fête nationale du Québec', en: 'National Holiday' } });
  });

  it('speaks French by default: local times with HAE, the holiday by its French name', () => {
    const events = [
      { eventId: 'e1', type: 'ticket.opened', tenantId: 'h', ticketId: 'T-9', occurredAt: '2026-06-23T15:10:00-04:00', impact: 2, urgency: 3 },
    ];
    const run = runCli(['explain', '--plan', 'BASE', '--now', '2026-06-23T20:00:00Z'], jsonl(events));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Billet h/T-9 : P3 (impact 2, urgence 3), forfait BASE');
    expect(run.stdout).toContain('Réponse initiale : EN COURS');
    expect(run.stdout).toContain('échéance 2026-06-25 15:10 HAE');
    expect(run.stdout).toContain('jour férié (Fête nationale du Québec) [projeté]');
    expect(run.stdout).not.toMatch(/EDT|holiday|National Holiday/);
  });

  it('refuses a language it does not speak', () => {
    const run = runCli(['explain', '--lang', 'de'], '');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--lang must be fr or en');
  });
});

describe('sla policy', () => {
  it('validates the bundled policy and rejects the contract literal table with the reason', () => {
    expect(runCli(['policy', 'validate', DEFAULT_POLICY_PATH]).status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const file = join(dir, 'literal.yaml');
    const text = readFileSync(DEFAULT_POLICY_PATH, 'utf8');
    const literal = text.replace(/(P3:[^\n]*resolution:\s*)4j/, '$14h');
    expect(literal).not.toBe(text);
    writeFileSync(file, literal);
    const run = runCli(['policy', 'validate', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toContain('targets.BASE.P3.resolution');
  });

  it('shows the effective matrix and targets in French and in English', () => {
    expect(runCli(['policy', 'show', '--lang', 'fr']).stdout).toContain('Étendu');
    expect(runCli(['policy', 'show', '--lang', 'en']).stdout).toContain('Extensive');
  });
});
