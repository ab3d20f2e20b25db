import fc from 'fast-check';
import { loadDefaultPolicy } from '@stageplus/sla-policy';
import { toKnownEvent } from './known-event';
import { replay } from './replay';
import { randomTicketLogArb } from './testing/random-ticket-log';

const policy = loadDefaultPolicy();
const start = Date.parse('2026-06-15T08:00:00-04:00');
const logArb = randomTicketLogArb(start, ['ciusss-capitale-nationale', 'chu-sainte-justine']);
const until = start + 40 * 24 * 3_600_000;

describe('the alert lifecycle over random logs', () => {
  it('clears only open alerts, each once, and never leaves a closed ticket with an open alert', () => {
    fc.assert(
      fc.property(logArb, (log) => {
        const result = replay(
          log.map((e, i) => toKnownEvent(e, i)),
          { policy, until },
        );
        const ids = result.cleared.map((c) => c.eventId);
        expect(new Set(ids).size).toBe(ids.length);
        const open = new Map<string, number>(); // alertKey -> thresholds fired since its last clear
        for (const e of result.events) {
          if (e.type !== 'sla.cleared') {
            open.set(e.alertKey, (open.get(e.alertKey) ?? 0) + 1);
            continue;
          }
          expect(open.get(e.alertKey) ?? 0).toBeGreaterThan(0); // a clear always resolves something
          expect(Date.parse(e.since)).toBeLessThanOrEqual(Date.parse(e.clearedAt));
          open.set(e.alertKey, 0);
        }
        for (const outcome of result.outcomes) {
          for (const clock of ['response', 'resolution'] as const) {
            expect(open.get(`${outcome.tenantId}:${outcome.ticketId}:${clock}`) ?? 0).toBe(0);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
