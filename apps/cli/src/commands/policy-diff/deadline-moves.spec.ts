import { toKnownEvent, type EvaluationContext } from '@stageplus/sla-engine';
import { appendVersion, parsePolicy, singleVersionHistory, type SlaPolicy } from '@stageplus/sla-policy';
import { deadlineMoves, type OpenTicket } from './deadline-moves';
import { moveLine, moveRecord, signedDuration, summaryLine } from './deadline-moves.render';

const policyText = (version: string, resolutionP2: string, extra = '') => `
version: ${version}
effectiveDate: 2026-01-01
${extra}
calendars:
  business: { type: 24x7 }
matrix:
  1: [P1, P2, P2, P3]
  2: [P2, P2, P3, P4]
  3: [P2, P3, P4, P4]
  4: [P3, P4, P4, P4]
targets:
  BASE:
    P1: { response: PT1H, resolution: PT4H, calendar: business }
    P2: { response: PT4H, resolution: ${resolutionP2}, calendar: business }
    P3: { response: PT8H, resolution: PT24H, calendar: business }
    P4: { response: PT8H, resolution: PT48H, calendar: business }
  PLUS:
    P1: { response: PT1H, resolution: PT4H, calendar: business }
    P2: { response: PT4H, resolution: PT8H, calendar: business }
    P3: { response: PT8H, resolution: PT24H, calendar: business }
    P4: { response: PT8H, resolution: PT48H, calendar: business }
pauseStatuses: [pending_customer]
thresholds:
  - { percent: 50, event: sla.escalated, level: 1 }
  - { percent: 75, event: sla.escalated, level: 2 }
  - { percent: 100, event: sla.breached }
defaultPlan: BASE
`;

const OLD = parsePolicy(policyText('v1', 'PT8H'), 'old.yaml');
const T0 = Date.parse('2026-06-23T12:00:00Z');
const H = 3_600_000;
const now = T0 + 5 * H;

/** NEW published at `now` after OLD, as `sla policy diff` builds it. */
const publishedNow = (policy: SlaPolicy): EvaluationContext => ({ history: appendVersion(singleVersionHistory(OLD), { policy, publishedAt: now }) });

function ticket(ticketId: string, events: { type: 'ticket.opened' | 'ticket.updated' | 'ticket.responded'; h: number; impact?: 1 | 2 | 3 | 4; urgency?: 1 | 2 | 3 | 4; status?: string }[], fired: OpenTicket['fired'] = [], policyVersion = 'v1'): OpenTicket {
  return {
    tenantId: 'tenant-a',
    ticketId,
    policyVersion,
    fired,
    events: events.map((e, seq) => {
      const at = new Date(T0 + e.h * H).toISOString();
      return toKnownEvent({ eventId: `${ticketId}-${seq}`, tenantId: 'tenant-a', ticketId, type: e.type, occurredAt: at, receivedAt: at, impact: e.impact, urgency: e.urgency, status: e.status }, seq);
    }),
  };
}

const p2Responded = ticket(
  'T-1',
  [
    { type: 'ticket.opened', h: 0, impact: 2, urgency: 2 },
    { type: 'ticket.responded', h: 1 },
  ],
  [{ clock: 'resolution', percent: 50, firedAt: T0 + 4 * H + 2_000 }],
);

describe('which deadlines a policy would move', () => {
  it('given a correction lengthening P2 resolution by 2h 30m, when diffed at 5h, then the resolution deadline moves and its fired 50 % would not have fired yet', () => {
    const NEW = parsePolicy(policyText('v1-fix', 'PT10H30M', 'replaces: v1'), 'new.yaml');
    const diff = deadlineMoves([p2Responded], 'v1', { policy: OLD }, publishedNow(NEW), now);
    expect(diff).toEqual({
      examined: 1,
      otherVersion: 0,
      moves: [
        expect.objectContaining({
          ticketId: 'T-1',
          clock: 'resolution',
          oldDueAt: T0 + 8 * H,
          newDueAt: T0 + 10.5 * H,
          firedElsewhere: [{ percent: 50, firedAt: T0 + 4 * H + 2_000, newAt: T0 + 5.25 * H, wouldHaveFired: false }],
          firesAtOnce: [],
        }),
      ],
    });
    expect(signedDuration(diff.moves[0].newDueAt! - diff.moves[0].oldDueAt!)).toBe('+2h 30m');
  });

  it('given a correction shortening P2 resolution to 5h, when diffed at 5h, then its 75 % and breach would fire at once', () => {
    const NEW = parsePolicy(policyText('v1-fix', 'PT5H', 'replaces: v1'), 'new.yaml');
    const [move] = deadlineMoves([p2Responded], 'v1', { policy: OLD }, publishedNow(NEW), now).moves;
    expect(move.firedElsewhere).toEqual([{ percent: 50, firedAt: T0 + 4 * H + 2_000, newAt: T0 + 2.5 * H, wouldHaveFired: true }]);
    expect(move.firesAtOnce).toEqual([75, 100]);
  });

  it('given a new version that is not a correction, when diffed, then no open ticket moves: they keep the version they opened under', () => {
    const NEW = parsePolicy(policyText('v2', 'PT10H30M'), 'new.yaml');
    expect(deadlineMoves([p2Responded], 'v1', { policy: OLD }, publishedNow(NEW), now)).toEqual({ examined: 1, otherVersion: 0, moves: [] });
  });

  it('given an impact change that keeps P4 under OLD but makes it P3 under NEW, when diffed, then its resolution deadline moves (the events carry it, not the history)', () => {
    const matrix = policyText('v1-fix', 'PT8H', 'replaces: v1').replace('4: [P3, P4, P4, P4]', '4: [P3, P3, P4, P4]');
    const NEW = parsePolicy(matrix, 'new.yaml');
    const t = ticket('T-2', [
      { type: 'ticket.opened', h: 0, impact: 4, urgency: 4 },
      { type: 'ticket.updated', h: 1, impact: 4, urgency: 2 },
    ]);
    const moves = deadlineMoves([t], 'v1', { policy: OLD }, publishedNow(NEW), now).moves;
    expect(moves.map((m) => [m.clock, m.oldDueAt! - T0, m.newDueAt! - T0])).toEqual([
      ['resolution', 48 * H, 24 * H],
    ]);
  });

  it('given a ticket paused on the customer, when its target grows, then the move is the target, deadlines unknown', () => {
    const NEW = parsePolicy(policyText('v1-fix', 'PT10H30M', 'replaces: v1'), 'new.yaml');
    const t = ticket('T-3', [
      { type: 'ticket.opened', h: 0, impact: 2, urgency: 2 },
      { type: 'ticket.responded', h: 1 },
      { type: 'ticket.updated', h: 2, status: 'pending_customer' },
    ]);
    const [move] = deadlineMoves([t], 'v1', { policy: OLD }, publishedNow(NEW), now).moves;
    expect(move).toMatchObject({ clock: 'resolution', oldDueAt: null, newDueAt: null, oldTargetMs: 8 * H, newTargetMs: 10.5 * H });
    expect(moveLine(move)).toBe('tenant-a T-3 resolution paused -> paused +2h 30m of business time');
  });

  it('given a ticket the timer holds under another version, when diffed, then it is counted apart, not examined', () => {
    const NEW = parsePolicy(policyText('v1-fix', 'PT10H30M', 'replaces: v1'), 'new.yaml');
    const diff = deadlineMoves([{ ...p2Responded, policyVersion: 'v0' }], 'v1', { policy: OLD }, publishedNow(NEW), now);
    expect(diff).toEqual({ examined: 0, otherVersion: 1, moves: [] });
    expect(summaryLine(diff)).toBe('0 open ticket(s) examined, 0 moved (0 clock(s)), 1 under another version than OLD (not examined)');
  });

  it('writes one line per move in the establishment time, and the same as JSON in UTC', () => {
    const NEW = parsePolicy(policyText('v1-fix', 'PT10H30M', 'replaces: v1'), 'new.yaml');
    const [move] = deadlineMoves([p2Responded], 'v1', { policy: OLD }, publishedNow(NEW), now).moves;
    expect(moveLine(move)).toBe(
      'tenant-a T-1 resolution 2026-06-23 16:00 EDT -> 2026-06-23 18:30 EDT +2h 30m; 50% fired 2026-06-23 12:00 EDT, would fire 2026-06-23 13:15 EDT',
    );
    expect(moveRecord(move)).toMatchObject({ type: 'move', oldDueAt: '2026-06-23T20:00:00.000Z', newDueAt: '2026-06-23T22:30:00.000Z', deltaMs: 2.5 * H });
  });
});

describe('a signed duration', () => {
  it.each([
    [2.5 * H, '+2h 30m'],
    [-(26 * H + 60_000), '-1d 2h 1m'],
    [45 * 60_000, '+45m'],
    [24 * H, '+1d'],
    [1_000, '+1s'],
    [0, '0'],
  ])('%d ms reads %s', (ms, text) => expect(signedDuration(ms)).toBe(text));
});
