import { breached, cleared, escalated } from './sla-topic-events.fixture';
import { watchLine, type WatchLineOptions } from './watch-line';

const toronto = { zoneOf: () => 'America/Toronto' };
const plain = (lang: 'fr' | 'en'): WatchLineOptions => ({ ...toronto, lang, color: false });

describe('a line of sla watch', () => {
  it('given an escalation, then it reads local time, tenant, ticket, priority, clock, level and deadline', () => {
    expect(watchLine(escalated, plain('en'))).toBe(
      '2026-11-28 22:30:00 EST  chu-sainte-justine    T-7         P2  response    ESCALATION 2   75% (at risk), due 2026-11-28 23:00 EST',
    );
    expect(watchLine(escalated, plain('fr'))).toBe(
      '2026-11-28 22:30:00 HNE  chu-sainte-justine    T-7         P2  réponse     ESCALADE 2     75 % (à risque), échéance 2026-11-28 23:00 HNE',
    );
  });

  it('given a breach reported late, then it is marked late with the instant it was due', () => {
    expect(watchLine(breached, plain('en'))).toBe(
      '2026-11-28 23:20:05 EST  chu-sainte-justine    T-7         P2  response    BREACH         due 2026-11-28 23:00 EST  LATE (threshold 2026-11-28 23:00 EST)',
    );
    expect(watchLine(breached, plain('fr'))).toContain('DÉPASSEMENT    échéance 2026-11-28 23:00 HNE  EN RETARD (seuil 2026-11-28 23:00 HNE)');
  });

  it('given a clear, then it says why, since when, and what it clears', () => {
    expect(watchLine(cleared, plain('en'))).toContain('CLEARED        responded at 2026-11-28 23:25 EST, after a breach');
    expect(watchLine(cleared, plain('fr'))).toContain('LEVÉE          répondu le 2026-11-28 23:25 HNE, après dépassement');
    const afterEscalation = { ...cleared, breached: false, alerts: cleared.alerts.slice(0, 2), reason: 'paused' as const };
    expect(watchLine(afterEscalation, plain('en'))).toContain('waiting on the customer at 2026-11-28 23:25 EST, after escalation level 2');
    const corrected = { ...afterEscalation, reason: 'policy-corrected' as const };
    expect(watchLine(corrected, plain('en'))).toContain('policy corrected at 2026-11-28 23:25 EST, after escalation level 2');
    expect(watchLine(corrected, plain('fr'))).toContain('politique corrigée le 2026-11-28 23:25 HNE, après escalade niveau 2');
  });

  it('given the establishment of another zone, then its own local time is shown', () => {
    expect(watchLine(escalated, { ...plain('en'), zoneOf: () => 'America/Vancouver' })).toMatch(/^2026-11-28 19:30:00 PST .* due 2026-11-28 20:00 PST$/);
  });

  it('given colours, then the level is painted and the text is unchanged once the codes are removed', () => {
    const coloured = watchLine(breached, { ...plain('en'), color: true });
    expect(coloured).toContain('\u001b[31m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(watchLine(breached, plain('en')));
    expect(watchLine(breached, plain('en'))).not.toContain('\u001b[');
  });
});
