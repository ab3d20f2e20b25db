import type { Level, Priority, TicketEvent } from '@stageplus/contracts';
import { loadDefaultPolicy, parsePolicy } from '@stageplus/sla-policy';
import { strictPolicyText } from '../../testing/strict-policy';
import { enrichTicketEvent } from './enrich-ticket-event';
import { classificationOf, type TicketClassification } from './ticket-classification';

const policy = loadDefaultPolicy();
const now = new Date('2026-06-23T19:30:00.000Z');

const opened = (tenantId: string, impact: Level, urgency: Level): TicketEvent => ({
  eventId: 'evt-1',
  type: 'ticket.opened',
  tenantId,
  ticketId: 'T-1001',
  occurredAt: '2026-06-23T15:10:00-04:00',
  impact,
  urgency,
});

const responded: TicketEvent = {
  eventId: 'evt-2',
  type: 'ticket.responded',
  tenantId: 'chu-sainte-justine',
  ticketId: 'T-1001',
  occurredAt: '2026-06-23T15:20:00-04:00',
};

const enrichOpened = (event: TicketEvent, p = policy) => enrichTicketEvent({ policy: p, event, classification: classificationOf(event), now });

describe('enriching a ticket event', () => {
  // BASE targets of docs/sla-semantics.md section 2, in minutes (1j = 8 business hours).
  const base: Record<Priority, [response: string, responseMin: number, resolution: string, resolutionMin: number]> = {
    P1: ['1h', 60, '8h', 480],
    P2: ['2h', 120, '2j', 960],
    P3: ['8h', 480, '4j', 1920],
    P4: ['16h', 960, '10j', 4800],
  };
  const matrix: [Level, Level, Priority][] = [
    [1, 1, 'P1'], [1, 2, 'P2'], [1, 3, 'P2'], [1, 4, 'P3'],
    [2, 1, 'P2'], [2, 2, 'P2'], [2, 3, 'P3'], [2, 4, 'P4'],
    [3, 1, 'P2'], [3, 2, 'P3'], [3, 3, 'P4'], [3, 4, 'P4'],
    [4, 1, 'P3'], [4, 2, 'P4'], [4, 3, 'P4'], [4, 4, 'P4'],
  ];

  it.each(matrix)('gives impact %d and urgency %d on BASE the priority %s and its business-hours targets', (impact, urgency, priority) => {
    const [response, responseMin, resolution, resolutionMin] = base[priority];
    expect(enrichOpened(opened('ciusss-capitale-nationale', impact, urgency))).toEqual({
      type: 'ticket.prioritized',
      schemaVersion: 1,
      event: opened('ciusss-capitale-nationale', impact, urgency),
      impact,
      urgency,
      priority,
      plan: 'BASE',
      targets: {
        response: { minutes: responseMin, text: response, calendar: 'business' },
        resolution: { minutes: resolutionMin, text: resolution, calendar: 'business' },
      },
      policyVersion: 'stageplus-2023-12-08',
      prioritizedAt: '2026-06-23T19:30:00.000Z',
    });
  });

  it('gives a PLUS tenant P1 on the 24x7 calendar, 30 minutes to respond and 4 hours to resolve', () => {
    const enriched = enrichOpened(opened('chu-sainte-justine', 1, 1));
    expect(enriched).toMatchObject({ priority: 'P1', plan: 'PLUS' });
    expect(enriched.targets).toEqual({
      response: { minutes: 30, text: '30min', calendar: '24x7' },
      resolution: { minutes: 240, text: '4h', calendar: '24x7' },
    });
  });

  it("names the tenant's own calendar for its business-hours targets", () => {
    expect(enrichOpened(opened('cisss-laval', 2, 3)).targets?.resolution).toEqual({ minutes: 1920, text: '4j', calendar: 'laval' });
  });

  it('gives a tenant missing from the registry the default plan', () => {
    expect(enrichOpened(opened('cisss-unknown', 2, 3))).toMatchObject({ plan: 'BASE', priority: 'P3' });
  });

  it('enriches an event without impact and urgency with the classification of the ticket', () => {
    const classification: TicketClassification = { impact: 1, urgency: 1, occurredAtMs: 0, eventId: 'evt-1' };
    const enriched = enrichTicketEvent({ policy, event: responded, classification, now });
    expect(enriched).toMatchObject({ event: responded, impact: 1, urgency: 1, priority: 'P1', plan: 'PLUS' });
  });

  it('leaves priority, impact, urgency and targets null when the classification is unknown, with the plan of the tenant', () => {
    expect(enrichTicketEvent({ policy, event: responded, classification: null, now })).toEqual({
      type: 'ticket.prioritized',
      schemaVersion: 1,
      event: responded,
      impact: null,
      urgency: null,
      priority: null,
      plan: 'PLUS',
      targets: null,
      policyVersion: 'stageplus-2023-12-08',
      prioritizedAt: '2026-06-23T19:30:00.000Z',
    });
    const elsewhere = { ...responded, tenantId: 'cisss-unknown' };
    expect(enrichTicketEvent({ policy, event: elsewhere, classification: null, now }).plan).toBe('BASE');
  });

  it('refuses a tenant missing from the registry of a policy without defaultPlan, classified or not', () => {
    const strict = parsePolicy(strictPolicyText(), 'strict-policy.yaml');
    const unknownTenant = expect.objectContaining({ name: 'PolicyError', code: 'POLICY.UNKNOWN_TENANT' });
    expect(() => enrichOpened(opened('cisss-unknown', 2, 3), strict)).toThrow(unknownTenant);
    const event = { ...responded, tenantId: 'cisss-unknown' };
    expect(() => enrichTicketEvent({ policy: strict, event, classification: null, now })).toThrow(unknownTenant);
    expect(enrichOpened(opened('chu-sainte-justine', 2, 3), strict).plan).toBe('PLUS');
  });

  it('gives the same answer for the same event twice: a redelivery is simply published again', () => {
    const event = opened('cisss-laval', 1, 2);
    expect(enrichOpened(event)).toEqual(enrichOpened(event));
  });
});

describe('the classification an event carries', () => {
  it('is its impact, urgency, event time in ms and eventId', () => {
    expect(classificationOf(opened('t', 2, 3))).toEqual({
      impact: 2,
      urgency: 3,
      occurredAtMs: Date.parse('2026-06-23T19:10:00Z'),
      eventId: 'evt-1',
    });
  });

  it('is none for an event without impact and urgency', () => {
    expect(classificationOf(responded)).toBeNull();
  });
});
