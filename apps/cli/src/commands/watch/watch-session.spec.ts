import { watchFilter } from './watch-filter';
import { breached, cleared, escalated } from './sla-topic-events.fixture';
import { RecentIds, WatchSession } from './watch-session';

const session = (raw: Parameters<typeof watchFilter>[0] = {}, json = false) =>
  new WatchSession({ filter: watchFilter(raw), json, lang: 'en', color: false, zoneOf: () => 'America/Toronto' });
const text = (e: object) => JSON.stringify(e);

describe('what sla watch prints for each message', () => {
  it('given the same clear on both SLA topics, then it is printed once', () => {
    const s = session();
    expect(s.accept(text(cleared))).toHaveProperty('print');
    expect(s.accept(text(cleared))).toEqual({ skipped: 'duplicate' });
  });

  it('given --json, then the payload is printed untouched', () => {
    const raw = text({ ...escalated, extra: { kept: true } });
    expect(session({}, true).accept(raw)).toEqual({ print: raw });
  });

  it('given filters by tenant, priority and level, then only matching events are printed', () => {
    const s = session({ tenant: ['chu-sainte-justine,other'], priority: ['p2'], level: ['breach'] });
    expect(s.accept(text(escalated))).toEqual({ skipped: 'filtered' });
    expect(s.accept(text(breached))).toHaveProperty('print');
    expect(s.accept(text({ ...breached, eventId: 'x', tenantId: 'elsewhere' }))).toEqual({ skipped: 'filtered' });
    expect(s.accept(text({ ...breached, eventId: 'y', priority: 'P1' }))).toEqual({ skipped: 'filtered' });
  });

  it('given --level breach, then the clear of a breached clock shows too; --level cleared shows every clear', () => {
    expect(session({ level: ['breach'] }).accept(text(cleared))).toHaveProperty('print');
    const ofEscalation = { ...cleared, breached: false, alerts: cleared.alerts.slice(0, 1) };
    expect(session({ level: ['breach'] }).accept(text(ofEscalation))).toEqual({ skipped: 'filtered' });
    expect(session({ level: ['1'] }).accept(text(ofEscalation))).toHaveProperty('print');
    expect(session({ level: ['cleared'] }).accept(text(ofEscalation))).toHaveProperty('print');
  });

  it('given a clear with a reason this version does not know, then it is shown with that reason as it came', () => {
    const accepted = session().accept(text({ ...cleared, reason: 'some-new-reason' }));
    expect(accepted).toMatchObject({ print: expect.stringContaining('some-new-reason at') });
  });

  it('given something that is not an SLA event, then it says why and prints nothing', () => {
    expect(session().accept('{oops')).toEqual({ invalid: 'not JSON' });
    expect(session().accept(text({ ...escalated, firedAt: 'soon' }))).toMatchObject({ invalid: expect.stringContaining('firedAt') });
    expect(session().accept(text({ type: 'ticket.opened' }))).toHaveProperty('invalid');
  });

  it('refuses unknown levels and priorities as usage errors', () => {
    expect(() => watchFilter({ level: ['4'] })).toThrow(expect.objectContaining({ code: 'CLI.USAGE' }));
    expect(() => watchFilter({ priority: ['P9'] })).toThrow(/--priority must be among P1, P2, P3, P4/);
  });
});

describe('the window of recent event ids', () => {
  it('forgets the oldest id once full, so a long watch stays bounded', () => {
    const recent = new RecentIds(2);
    expect(['a', 'b', 'a', 'c', 'a'].map((id) => recent.firstTime(id))).toEqual([true, true, false, true, true]);
  });
});
