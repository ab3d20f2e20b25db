import { ticketEvents } from '@stageplus/testing';
import { PriorityTestBed } from '../../testing/priority-test-bed';

jest.setTimeout(60_000);

const TENANT = 'chu-sainte-justine';
const at = (iso: string) => Date.parse(iso);

describe('restarting the priority service', () => {
  let bed: PriorityTestBed;

  beforeEach(async () => {
    bed = await PriorityTestBed.create();
  });

  afterEach(async () => {
    await bed?.cleanup();
  });

  it('does not re-emit what it committed before closing, and processes what came after', async () => {
    const t = ticketEvents(TENANT);
    const opened = t.event('ticket.opened', at('2026-06-23T10:00:00Z'), { impact: 2, urgency: 1 });
    const responded = t.event('ticket.responded', at('2026-06-23T10:30:00Z'));

    const first = await bed.startApp();
    await bed.send(opened);
    await bed.waitForPrioritized(opened.eventId);
    await bed.waitForCommitted(1);
    await bed.closeApp(first);

    await bed.startApp();
    await bed.send(responded);
    const [enriched] = await bed.waitForPrioritized(responded.eventId);
    expect(enriched).toMatchObject({ priority: 'P2', plan: 'PLUS' });
    // One partition: a re-emitted opened would have been recorded before the responded.
    expect(bed.prioritized(opened.eventId)).toHaveLength(1);
  });

  it('closed mid-batch, commits only what it published: after a restart nothing is lost, and only uncommitted events repeat', async () => {
    const t = ticketEvents(TENANT);
    const start = at('2026-06-23T10:00:00Z');
    const events = [t.event('ticket.opened', start, { impact: 3, urgency: 2 })];
    for (let s = 1; s < 300; s++) events.push(t.event('ticket.updated', start + s * 1000, { status: 'in_progress' }));
    const ids = events.map((e) => e.eventId);

    const first = await bed.startApp();
    const consumer = bed.consumerOf(first);
    const batchStarted = new Promise<void>((resolve) => consumer.on(consumer.events.START_BATCH_PROCESS, () => resolve()));
    for (let i = 0; i < events.length; i += 50) await bed.send(...events.slice(i, i + 50));
    await batchStarted;
    await bed.closeApp(first);
    const committed = await bed.committedOffset();
    const publishedBeforeRestart = new Set(bed.prioritized().map((m) => m.value.event.eventId));
    // Everything committed was published first.
    expect(ids.slice(0, committed).every((id) => publishedBeforeRestart.has(id))).toBe(true);

    await bed.startApp();
    await bed.waitForPrioritized(...ids);
    expect(ids.slice(0, committed).map((id) => bed.prioritized(id).length)).toEqual(ids.slice(0, committed).map(() => 1));
    for (const id of ids.slice(committed)) {
      const copies = bed.prioritized(id).map(({ value: { prioritizedAt: _, ...rest } }) => rest);
      expect(copies.every((copy) => JSON.stringify(copy) === JSON.stringify(copies[0]))).toBe(true);
    }
    expect(new Set(ids.map((id) => bed.prioritized(id)[0].value.priority))).toEqual(new Set(['P3']));
  });
});
