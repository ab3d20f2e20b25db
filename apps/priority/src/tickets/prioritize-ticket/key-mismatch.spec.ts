import { ticketKey } from '@stageplus/contracts';
import { ticketEvents } from '@stageplus/testing';
import { PriorityTestBed } from '../../testing/priority-test-bed';

jest.setTimeout(60_000);

const TENANT = 'chu-sainte-justine';
const at = (iso: string) => Date.parse(iso);

describe('a tickets.events record keyed otherwise than its ticket', () => {
  let bed: PriorityTestBed;

  afterEach(async () => {
    await bed?.cleanup();
  });

  it('is dead-lettered as MESSAGE.KEY_MISMATCH, not re-keyed, and the next good record is applied', async () => {
    bed = await PriorityTestBed.create();
    await bed.startApp();
    const t = ticketEvents(TENANT);
    const stray = t.event('ticket.opened', at('2026-06-23T10:00:00Z'), { impact: 1, urgency: 1 });
    const good = t.event('ticket.opened', at('2026-06-23T10:01:00Z'), { impact: 2, urgency: 2 });
    const wrongKey = ticketKey('ciusss-capitale-nationale', t.ticketId);

    await bed.sendRaw({ key: wrongKey, value: JSON.stringify(stray) }, { key: ticketKey(TENANT, t.ticketId), value: JSON.stringify(good) });

    const [enriched] = await bed.waitForPrioritized(good.eventId);
    expect(enriched.priority).toBe('P2');
    const [letter] = await bed.waitForDeadLetters(1);
    expect(letter.key).toBe(wrongKey);
    expect(letter.value).toMatchObject({ reason: 'MESSAGE.KEY_MISMATCH', key: wrongKey, source: { topic: bed.eventsTopic, offset: '0' } });
    expect(letter.value.message).toContain(`not "${ticketKey(TENANT, t.ticketId)}"`);
    expect(bed.prioritized().map((m) => m.value.event.eventId)).not.toContain(stray.eventId);
    await bed.waitForCommitted(2);
  });
});
