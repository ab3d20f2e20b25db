import type { SlaNotification, SlaTopicEvent } from '@stageplus/contracts';
import { SlaFeed } from './sla-feed';

const fired = (ticketId: string, percent: number, firedAt: string, tenantId = 'chu-sainte-justine'): SlaNotification => ({
  type: percent === 100 ? 'sla.breached' : 'sla.escalated',
  eventId: `sla:${tenantId}:${ticketId}:response:${percent}`,
  schemaVersion: 1,
  tenantId,
  ticketId,
  clock: 'response',
  percent,
  level: percent === 100 ? null : 1,
  priority: 'P1',
  plan: 'PLUS',
  thresholdAt: firedAt,
  firedAt,
  late: false,
  dueAt: null,
  policyVersion: 'v',
  alertKey: `${tenantId}:${ticketId}:response`,
  message: { fr: 'fr', en: 'en' },
});

const zones = (tenantId: string) => (tenantId === 'chu-sainte-justine' ? 'America/Toronto' : 'Europe/Paris');
const all = () => true;

describe('the SLA feed', () => {
  it('keeps an event seen on both SLA topics once, and tells listeners once', () => {
    const feed = new SlaFeed(10, zones);
    const heard: SlaTopicEvent[] = [];
    feed.subscribe((item) => heard.push(item.event));
    const breach = fired('T-1', 100, '2026-06-23T15:10:00.000Z');
    expect(feed.add(breach)).toBe(true);
    expect(feed.add({ ...breach })).toBe(false);
    expect(feed.recent(all)).toHaveLength(1);
    expect(heard).toHaveLength(1);
  });

  it('keeps only the most recent events, in event-time order, each with its establishment zone', () => {
    const feed = new SlaFeed(10, zones);
    for (let i = 0; i < 12; i++) feed.add(fired(`T-${i}`, 50, `2026-06-23T15:${String(59 - i).padStart(2, '0')}:00.000Z`, i % 2 ? 'x' : 'chu-sainte-justine'));
    const recent = feed.recent(all);
    expect(recent.map((i) => i.event.ticketId)).toEqual(['T-11', 'T-10', 'T-9', 'T-8', 'T-7', 'T-6', 'T-5', 'T-4', 'T-3', 'T-2']);
    expect(recent.find((i) => i.event.tenantId === 'x')?.timeZone).toBe('Europe/Paris');
  });

  it('shows a viewer only what passes its filter, and stops telling a listener that left', () => {
    const feed = new SlaFeed(10, zones);
    const heard: string[] = [];
    const leave = feed.subscribe((item) => heard.push(item.event.ticketId));
    feed.add(fired('T-1', 50, '2026-06-23T15:10:00.000Z', 'a'));
    feed.add(fired('T-2', 50, '2026-06-23T15:11:00.000Z', 'b'));
    expect(feed.recent((e) => e.tenantId === 'b').map((i) => i.event.ticketId)).toEqual(['T-2']);
    leave();
    feed.add(fired('T-3', 50, '2026-06-23T15:12:00.000Z'));
    expect(heard).toEqual(['T-1', 'T-2']);
    expect(feed.listening).toBe(0);
  });
});
