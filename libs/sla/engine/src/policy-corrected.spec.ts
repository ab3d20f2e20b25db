import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY_PATH, loadDefaultPolicy, parsePolicy, type PolicyHistory, type SlaPolicy } from '@stageplus/sla-policy';
import { decideAt } from './decide';
import { replay } from './replay';
import { ms, TicketLog } from './testing/ticket-events.fixture';

const v1 = loadDefaultPolicy(); // BASE P2 response 2h, P3 8h, business hours 08:30-16:30
const HOUR = 3_600_000;
const corrected = (version: string, edit: (p: SlaPolicy) => Partial<SlaPolicy>): SlaPolicy => ({ ...v1, version, replaces: v1.version, ...edit(v1) });
/** v1 corrected: BASE P2's response target in hours. */
const p2Response = (hours: number, version = 'v1.1'): SlaPolicy =>
  corrected(version, (p) => {
    const p2 = p.targets.BASE.P2;
    return { targets: { ...p.targets, BASE: { ...p.targets.BASE, P2: { ...p2, response: { ...p2.response, durationMs: hours * HOUR, text: `${hours}h` } } } } };
  });
const historyOf = (...later: [SlaPolicy, string][]): PolicyHistory => ({
  versions: [{ policy: v1, publishedAt: -Infinity }, ...later.map(([policy, at]) => ({ policy, publishedAt: ms(at) }))],
});
const brief = (e: { type: string; eventId: string; clock: string }) => `${e.type} ${e.eventId.replace('sla:ciusss-capitale-nationale:T-1:', '')}`;
const cleared = (c: { clock: string; reason: string; since: string; clearedAt: string; alerts: readonly { percent: number }[] }) =>
  `${c.clock} ${c.reason} since ${c.since} at ${c.clearedAt} after ${c.alerts.map((a) => a.percent).join(',')}`;
const opened = () => new TicketLog().opened('2026-06-16T09:00:00-04:00', 2, 2); // a Tuesday; P2: 50% 10:00, 75% 10:30, 100% 11:00

describe('a correction clears the alerts it makes moot (sla.cleared, reason policy-corrected)', () => {
  it('given the 50 % escalation fired and a correction putting it later, then it clears at the publication and fires again, a new alert, at its corrected instant', () => {
    const history = historyOf([p2Response(4), '2026-06-16T10:10:00-04:00']); // 4h: 50% 11:00, 75% 12:00, 100% 13:00
    const log = opened().add('ticket.responded', '2026-06-16T12:30:00-04:00');
    const result = replay(log.known(), { history, until: ms('2026-06-16T14:00:00-04:00') });
    const response = result.events.filter((e) => e.clock === 'response');
    expect(response.map(brief)).toEqual([
      'sla.escalated response:50',
      'sla.cleared response:cleared:1',
      'sla.escalated response:50:2',
      'sla.escalated response:75',
      'sla.cleared response:cleared:3',
    ]);
    expect(result.cleared.filter((c) => c.clock === 'response').map(cleared)).toEqual([
      'response policy-corrected since 2026-06-16T14:10:00.000Z at 2026-06-16T14:10:00.000Z after 50',
      'response responded since 2026-06-16T16:30:00.000Z at 2026-06-16T16:30:00.000Z after 50,75',
    ]);
    const refired = result.fired.find((f) => f.eventId.endsWith('response:50:2'));
    expect(refired).toMatchObject({ thresholdAt: '2026-06-16T15:00:00.000Z', firedAt: '2026-06-16T15:00:00.000Z', late: false, policyVersion: 'v1.1' });
    expect(result.cleared[0].message).toEqual({
      fr: 'Billet T-1 (ciusss-capitale-nationale, P2) : escalade du délai de réponse initiale levée, une correction de la politique a reporté ses seuils (16 juin 2026 à 10 h 10 HAE).',
      en: 'Ticket T-1 (ciusss-capitale-nationale, P2): initial response escalation cleared, a correction of the policy moved its thresholds later (Jun 16, 2026, 10:10 AM EDT).',
    });
  });

  it('given a breach and a correction putting every fired threshold later, then the breach clears too, on both topics, and each threshold fires again when reached', () => {
    const history = historyOf([p2Response(8), '2026-06-16T11:10:00-04:00']); // 8h: 50% 13:00, 75% 15:00, 100% Wed 09:00
    const result = replay(opened().known(), { history, until: ms('2026-06-17T10:00:00-04:00') });
    expect(result.events.filter((e) => e.clock === 'response').map(brief)).toEqual([
      'sla.escalated response:50',
      'sla.escalated response:75',
      'sla.breached response:100',
      'sla.cleared response:cleared:3',
      'sla.escalated response:50:2',
      'sla.escalated response:75:2',
      'sla.breached response:100:2',
    ]);
    expect(result.cleared[0]).toMatchObject({ reason: 'policy-corrected', breached: true, since: '2026-06-16T15:10:00.000Z' });
    expect(result.fired.at(-1)?.firedAt).toBe('2026-06-17T13:00:00.000Z');
  });

  it('given a correction adding a holiday on the opening day, then the escalation it fired clears and fires again the next business day', () => {
    const text = readFileSync(DEFAULT_POLICY_PATH, 'utf8')
      .replace(`version: ${v1.version}`, `version: v1-closed\nreplaces: ${v1.version}`)
      .replace('    closures: []', '    closures:\n      - { date: 2026-06-16, name: Fermeture }');
    const history = historyOf([parsePolicy(text, 'closed.yaml'), '2026-06-16T10:10:00-04:00']);
    const result = replay(opened().known(), { history, until: ms('2026-06-17T09:40:00-04:00') });
    expect(result.events.filter((e) => e.clock === 'response').map((e) => `${brief(e)} ${e.type === 'sla.cleared' ? e.clearedAt : e.firedAt}`)).toEqual([
      'sla.escalated response:50 2026-06-16T14:00:00.000Z',
      'sla.cleared response:cleared:1 2026-06-16T14:10:00.000Z',
      'sla.escalated response:50:2 2026-06-17T13:30:00.000Z', // Wednesday 08:30 + 1h
    ]);
  });

  it('given a fired threshold the correction leaves past, then nothing clears, even the breach whose corrected deadline is still ahead', () => {
    // 2h30: 50% 10:15 (past at 11:20), 75% 10:52:30, 100% 11:30
    const history = historyOf([p2Response(2.5), '2026-06-16T11:20:00-04:00']);
    const result = replay(opened().known(), { history, until: ms('2026-06-16T13:00:00-04:00') });
    expect(result.cleared).toEqual([]);
    expect(result.fired.filter((f) => f.clock === 'response').map((f) => f.eventId.split(':').slice(3).join(':'))).toEqual([
      'response:50',
      'response:75',
      'response:100',
      'response:150',
    ]);
  });

  it('given an escalation kept open after a priority was lowered, then a correction that does not move it clears nothing', () => {
    // P2 50% fires at 10:00; lowered to P3 at 10:05 (8h: 50% at 13:00): the alert stays open.
    const log = opened().add('ticket.updated', '2026-06-16T10:05:00-04:00', { impact: 2, urgency: 3 });
    const history = historyOf([p2Response(4), '2026-06-16T10:30:00-04:00']); // corrects P2 only
    const result = replay(log.known(), { history, until: ms('2026-06-16T12:00:00-04:00') });
    expect(result.cleared).toEqual([]);
  });

  it('given a plain new version, then no known ticket changes version and nothing clears', () => {
    const v2 = { ...p2Response(4, 'v2'), replaces: undefined, effectiveDate: '2026-06-01' };
    const result = replay(opened().known(), { history: historyOf([v2, '2026-06-16T10:10:00-04:00']), until: ms('2026-06-16T12:00:00-04:00') });
    expect(result.cleared).toEqual([]);
    expect(result.tickets[0].policyVersion).toBe(v1.version);
  });

  it('clears for a correction only in a decision that follows its publication', () => {
    const history = historyOf([p2Response(4), '2026-06-16T10:10:00-04:00']);
    const events = opened().known();
    const fired = new Set(['response:50']);
    const t = ms('2026-06-16T10:20:00-04:00');
    expect(decideAt(events, fired, { history }, t).clear).toEqual([]);
    const following = decideAt(events, fired, { history }, t, { publishedAt: ms('2026-06-16T10:10:00-04:00') });
    expect(following.clear.map((c) => [c.reason, c.count, c.withdraws])).toEqual([['policy-corrected', 1, [{ clock: 'response', percent: 50, nth: 1 }]]]);
    expect(following.upcoming[0]).toEqual({ clock: 'response', percent: 50, at: ms('2026-06-16T11:00:00-04:00') });
  });
});

describe('which tickets a correction decides again, in replay as in the timer', () => {
  const earlier = historyOf([p2Response(1), '2026-06-16T11:00:00-04:00']); // 1h: 50% 09:30, 75% 09:45, 100% 10:00

  it('given a ticket closed before any threshold, then it is final: a correction putting thresholds before its close publishes nothing', () => {
    const log = opened().add('ticket.responded', '2026-06-16T09:50:00-04:00').add('ticket.closed', '2026-06-16T09:55:00-04:00');
    const result = replay(log.known(), { history: earlier, until: ms('2026-06-16T12:00:00-04:00') });
    expect(result.events).toEqual([]);
    expect(result.outcomes.map((o) => [o.policyVersion, o.clocks.response.status])).toEqual([[v1.version, 'met']]);
  });

  it('given a ticket resolved but not closed (its timer gone off, no pause), then the correction reaches it at its next event, late', () => {
    const log = opened() // resolved at 09:55: the timer, set for 10:00, goes off and ends
      .add('ticket.resolved', '2026-06-16T09:55:00-04:00')
      .add('ticket.closed', '2026-06-16T11:30:00-04:00');
    const result = replay(log.known(), { history: earlier, until: ms('2026-06-16T12:00:00-04:00') });
    expect(result.fired.map((f) => `${f.clock}:${f.percent} ${f.firedAt}${f.late ? ' late' : ''}`)).toEqual([
      'response:50 2026-06-16T15:30:00.000Z late',
      'response:75 2026-06-16T15:30:00.000Z late',
    ]);
  });
});

