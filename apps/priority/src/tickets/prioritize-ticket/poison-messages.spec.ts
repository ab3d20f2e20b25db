import { ticketKey } from '@stageplus/contracts';
import { ticketEvents, waitUntil } from '@stageplus/testing';
import { createHash } from 'node:crypto';
import { PriorityTestBed } from '../../testing/priority-test-bed';

jest.setTimeout(60_000);

const TENANT = 'chu-sainte-justine';
const at = (iso: string) => Date.parse(iso);

describe('poison messages on the ticket events topic', () => {
  let bed: PriorityTestBed;

  beforeAll(async () => {
    bed = await PriorityTestBed.create();
    await bed.startApp();
  });

  afterAll(async () => {
    await bed?.cleanup();
  });

  it('dead-letters 900 KB of bytes that are not UTF-8 by digest, without the body, and the partition moves on', async () => {
    const t = ticketEvents(TENANT);
    const before = t.event('ticket.opened', at('2026-06-23T10:00:00Z'), { impact: 2, urgency: 2 });
    const after = [t.event('ticket.responded', at('2026-06-23T10:10:00Z')), t.event('ticket.resolved', at('2026-06-23T11:00:00Z'))];
    const poison = Buffer.alloc(900 * 1024, 0xff);
    const key = ticketKey(TENANT, t.ticketId);

    await bed.sendRaw(
      { key, value: JSON.stringify(before) },
      { key, value: poison },
      ...after.map((event) => ({ key, value: JSON.stringify(event) })),
    );

    const enriched = await bed.waitForPrioritized(before.eventId, ...after.map((e) => e.eventId));
    expect(enriched.map((p) => p.priority)).toEqual(['P2', 'P2', 'P2']);
    const [letter] = await bed.waitForDeadLetters(1);
    expect(letter.key).toBe(key);
    expect(letter.value).toMatchObject({
      reason: 'MESSAGE.NOT_JSON',
      source: { topic: bed.eventsTopic, partition: 0, offset: '1' },
      key,
      value: null,
      valueBase64: null,
      valueBytes: poison.length,
      valueSha256: createHash('sha256').update(poison).digest('hex'),
      omitted: { reason: 'DEAD_LETTER.TOO_LARGE', fields: ['value'] },
    });
    await waitUntil(async () => ((await bed.committedOffset()) === 4 ? true : undefined), 15_000, 'the group to commit past the poison');
  });
});
