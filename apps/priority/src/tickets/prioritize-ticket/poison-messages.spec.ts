import type { INestApplication } from '@nestjs/common';
import { ticketKey } from '@stageplus/contracts';
import { ticketEvents } from '@stageplus/testing';
import { createHash } from 'node:crypto';
import { PriorityTestBed } from '../../testing/priority-test-bed';

jest.setTimeout(60_000);

const TENANT = 'chu-sainte-justine';
const at = (iso: string) => Date.parse(iso);

describe('poison messages on the ticket events topic', () => {
  let bed: PriorityTestBed;
  let app: INestApplication;

  // A bed per test: each counts offsets and dead letters from the start of its own topic.
  beforeEach(async () => {
    bed = await PriorityTestBed.create();
    app = await bed.startApp();
  });

  afterEach(async () => {
    await bed?.cleanup();
  });

  it('dead-letters only the bad messages in the middle of a batch, and applies the others in order', async () => {
    const t = ticketEvents(TENANT);
    const key = ticketKey(TENANT, t.ticketId);
    const opened = t.event('ticket.opened', at('2026-06-23T10:00:00Z'), { impact: 3, urgency: 3 });
    const raised = t.event('ticket.updated', at('2026-06-23T10:05:00Z'), { impact: 1, urgency: 1 });
    const invalid = JSON.stringify(t.event('ticket.updated', at('2026-06-23T10:06:00Z'), { impact: 9 as never }));
    const lowered = t.event('ticket.updated', at('2026-06-23T10:10:00Z'), { impact: 4, urgency: 4 });
    const responded = t.event('ticket.responded', at('2026-06-23T10:15:00Z'));
    const batchSizes: number[] = [];
    const consumer = bed.consumerOf(app);
    consumer.on(consumer.events.START_BATCH_PROCESS, ({ payload }) => batchSizes.push(payload.batchSize));

    // One send: one record batch on the broker, so one batch for the handler.
    await bed.sendRaw(
      ...[JSON.stringify(opened), JSON.stringify(raised), '{"not": json', invalid, JSON.stringify(lowered), JSON.stringify(responded)].map((value) => ({ key, value })),
    );

    const ids = [opened, raised, lowered, responded].map((e) => e.eventId);
    const enriched = await bed.waitForPrioritized(...ids);
    expect(batchSizes).toContain(6);
    expect(enriched.map((p) => p.priority)).toEqual(['P4', 'P1', 'P4', 'P4']);
    expect(bed.prioritized().map((m) => m.value.event.eventId).filter((id) => ids.includes(id))).toEqual(ids);
    const letters = (await bed.waitForDeadLetters(2)).map((m) => m.value);
    expect(letters.map((l) => [l.reason, l.source.offset])).toEqual([
      ['MESSAGE.NOT_JSON', '2'],
      ['EVENT.INVALID', '3'],
    ]);
    await bed.waitForCommitted(6);
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
    await bed.waitForCommitted(4);
  });
});
