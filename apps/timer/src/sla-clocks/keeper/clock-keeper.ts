import type { PrioritizedEvent } from '../apply-ticket-event/ticket-prioritized.parser';
import type { DecideOptions } from '@stageplus/sla-engine';
import { emptyRecord, type TicketRecord } from '../ticket-record/ticket-record';
import { refKey, type TicketRef } from '../ticket-ref';
import { decideDue } from './due-decisions';
import { FiringsFirst } from './firings-first';
import { armedByEvents, BatchParts, chunks, groupByTicket, recordWrite, timersAfter, twoLanes, type Change } from './keeper-batch';
import { KeyedSerializer } from './keyed-serializer';
import type { ClockKeeperOptions, ClockStore, DueRecords, SlaOutbox, SlaPublication, TicketTimers } from './ports';
import { applyEvents, type RefusedEvent } from './ticket-clock';

/**
 * Keeps the clocks of the tickets of the partitions this member owns, a batch at a time: loads
 * every ticket of a batch in one round trip, lets the engine decide for each (`ticket-clock.ts`),
 * then makes the effects durable in an order that never loses a threshold:
 *
 * 1. publish the SLA events and the changelog records (one acknowledged send);
 * 2. commit the records, fenced: only while this member still owns the partition; a record's
 *    `armedAt` is its entry in the due index, which is the ticket's timer;
 * 3. tell the timers (`TicketTimers.arm`), so that the partition wakes up by the earliest one.
 *
 * A crash between 1 and 2 replays the batch (its offsets are committed after 3): the events are
 * known by then only if 2 happened, so the replay recomputes the same firings and re-publishes
 * them with the same deterministic `eventId`s, the documented at-least-once window. A crash
 * between 2 and 3 loses no timer: the partition's next owner wakes up by its due index.
 */
export class ClockKeeper {
  private readonly serializer = new KeyedSerializer();
  private readonly firingsFirst = new FiringsFirst();
  /** The catch-up rounds publishing their alerts (see `catchUpRound`). */
  private readonly alerting = new Set<Promise<void>>();

  constructor(
    private readonly options: ClockKeeperOptions,
    private readonly store: ClockStore,
    private readonly timers: TicketTimers,
    private readonly outbox: SlaOutbox,
    /**
     * Where firings go (wake-ups, catch-up, corrections): given its own producer, an alert never
     * queues behind a batch of events' send (one request in flight per producer). Per ticket the
     * order holds all the same: the serializer lets one operation at a time publish for a ticket.
     */
    private readonly firings: SlaOutbox = outbox,
  ) {}

  /**
   * Applies one partition's batch of events; resolves with the events refused (never stored).
   * One load; decided and made durable in parts (`BatchParts`), each published, committed and
   * armed before the next is decided, and each after the wake-ups in flight (`FiringsFirst`). A
   * crash between parts leaves the batch's offsets uncommitted: its replay finds the earlier
   * parts' events known, as any replayed batch does.
   */
  async applyEvents(partition: number, token: string, events: readonly PrioritizedEvent[]): Promise<RefusedEvent[]> {
    const groups = groupByTicket(events);
    const refs = [...groups.values()].map((g) => g.ref);
    await this.firingsFirst.clear();
    return this.serializer.run(refs.map(refKey), async () => {
      const records = await this.store.load(partition, token, refs);
      const ctx = this.options.ctx();
      const refused: RefusedEvent[] = [];
      const part: Change[] = [];
      const parts = new BatchParts();
      for (const g of groups.values()) {
        const step = applyEvents(records.get(refKey(g.ref)) ?? emptyRecord(g.ref), g.events, this.options.clock(), ctx);
        refused.push(...step.refused);
        part.push(armedByEvents(step));
        if (!parts.full(step)) continue;
        await this.persist(this.outbox, partition, token, part.splice(0));
        await this.firingsFirst.clear();
      }
      await this.persist(this.outbox, partition, token, part);
      return refused;
    });
  }

  /**
   * The timers of these tickets went off: fires what is due for each and resolves with each
   * ticket's next threshold (by `refKey`), to which its timer must be moved; null ends it.
   * `read`: their records, read before and unchanged since (`wake`); loaded otherwise.
   */
  async fireDue(partition: number, token: string, refs: readonly TicketRef[], read?: ReadonlyMap<string, TicketRecord>): Promise<Map<string, number | null>> {
    return this.serializer.run(
      refs.map(refKey),
      async () => {
        const { next, changes } = await this.decideDue(partition, token, refs, {}, read);
        await this.persist(this.firings, partition, token, changes);
        // A later wake-up may have read the index before this commit: each ticket's next instant is armed here.
        await this.timers.arm(partition, timersAfter(refs, next).arms);
        return next;
      },
      true,
    );
  }

  /**
   * A wake-up of the partition: fires every ticket the due index holds due by `until`. A few go
   * as one batch with one publish (SLA events and changelog together); more than a batch go the
   * catch-up's way (alerts first, two batches in flight). Tickets another wake-up or a batch of
   * events is working on are left to it, so wake-ups run side by side instead of one behind the
   * other; resolves false when some were left to a batch of events (it may leave one due: wake up
   * again soon). Batches of events wait meanwhile (`FiringsFirst`).
   */
  wake(partition: number, token: string, until: number, batchSize = 2_000): Promise<boolean> {
    return this.firingsFirst.during(async () => {
      // The due tickets and their records in one read. A ticket whose work started meanwhile (a
      // batch of events may have written it since) is read again, inside the serializer.
      const watch = this.serializer.watch();
      let read: DueRecords | 'more';
      try {
        read = await this.store.loadDue(partition, token, until, batchSize);
      } finally {
        watch.end(); // in the read's continuation: what starts from here on sees the tickets busy
      }
      if (read === 'more') {
        await this.catchUp(partition, token, batchSize, until);
        return true;
      }
      const free = read.refs.filter((ref) => !this.serializer.busy(refKey(ref)));
      // Another wake-up's tickets are its to fire and arm; a batch of events may leave one due.
      const toEvents = read.refs.some((ref) => this.serializer.busy(refKey(ref)) && !this.serializer.firing(refKey(ref)));
      const stale = (ref: TicketRef) => watch.started.has(refKey(ref));
      const unchanged = free.filter((ref) => !stale(ref));
      await Promise.all([unchanged.length > 0 && this.fireDue(partition, token, unchanged, read.records), free.some(stale) && this.fireDue(partition, token, free.filter(stale))]);
      return !toEvents;
    });
  }

  /**
   * Fires every ticket whose timer went off (by `until`, or by now, each round: a partition's
   * wake-up, or what fell due while no worker ran), in batches, then moves each timer to its
   * ticket's next threshold or ends it. Alerts first: every SLA event of a round goes out before
   * its bookkeeping (changelog, timers, fenced commit), so a crash in between publishes them
   * again with the same ids, the documented window.
   */
  async catchUp(partition: number, token: string, batchSize = 2_000, until?: number): Promise<number> {
    let fired = 0;
    const seen = new Set<string>();
    const roundSize = batchSize * 25;
    for (;;) {
      const due = await this.store.due(partition, until ?? this.options.clock(), roundSize);
      // An index entry without a record (forgotten since) comes back: stop rather than spin.
      const fresh = due.filter((ref) => !seen.has(refKey(ref)));
      if (fresh.length === 0) return fired;
      for (const ref of fresh) seen.add(refKey(ref));
      await this.serializer.run(fresh.map(refKey), () => this.catchUpRound(partition, token, chunks(fresh, batchSize)));
      fired += fresh.length;
      if (due.length < roundSize) return fired;
    }
  }

  /**
   * A correction of a version, published at `publishedAt`, arrived: decides every open ticket of
   * the partition again, now, under the new history (the keeper's `ctx`), following that
   * publication (`DecideOptions`), in batches, as catch-up does. What fired stays fired;
   * thresholds the correction moved earlier than now fire at once (late); the others are re-armed
   * at their new instants; alerts it made moot clear. Resolves with the number of tickets decided.
   */
  async redecide(partition: number, token: string, publishedAt: number, batchSize = 2_000): Promise<number> {
    const open = await this.store.open(partition);
    if (open.length === 0) return 0;
    await this.serializer.run(open.map(refKey), () => this.catchUpRound(partition, token, chunks(open, batchSize), { publishedAt }));
    return open.length;
  }

  private async catchUpRound(partition: number, token: string, batches: readonly TicketRef[][], options: DecideOptions = {}): Promise<void> {
    const decided: { refs: readonly TicketRef[]; next: Map<string, number | null>; changes: Change[] }[] = [];
    const alerts = twoLanes(batches, async (refs) => {
      const { next, changes } = await this.decideDue(partition, token, refs, options);
      await this.firings.publish(partition, changes.flatMap((c) => c.step.notifications), []);
      decided.push({ refs, next, changes });
    });
    this.alerting.add(alerts);
    await alerts.finally(() => this.alerting.delete(alerts));
    // Bookkeeping after the alerts of every catch-up publishing now, not only this one's: a
    // takeover catches its partitions up side by side, and one's last alert should not wait on
    // another's bookkeeping. Those starting later are not waited for.
    await Promise.allSettled([...this.alerting]);
    await twoLanes(decided, async ({ refs, next, changes }) => {
      await this.persist(this.firings, partition, token, changes, { notifications: false });
      const { arms, ended } = timersAfter(refs, next);
      await Promise.all([this.timers.arm(partition, arms), this.timers.cancel(partition, ended)]);
    });
  }

  /** Loads the tickets whose timer went off and decides for each; nothing written. */
  private async decideDue(partition: number, token: string, refs: readonly TicketRef[], options: DecideOptions = {}, read?: ReadonlyMap<string, TicketRecord>) {
    const records = read ?? (await this.store.load(partition, token, refs));
    return decideDue(records, refs, this.options.clock(), this.options.ctx(), options);
  }

  private async persist(outbox: SlaOutbox, partition: number, token: string, changes: readonly Change[], options = { notifications: true }): Promise<void> {
    const changed = changes.filter((c) => c.step.changed);
    if (changed.length === 0) return;
    const notifications: SlaPublication[] = options.notifications ? changed.flatMap((c) => c.step.notifications) : [];
    await outbox.publish(partition, notifications, changed.map((c) => ({ ref: c.step.record.ref, record: c.step.done ? null : c.step.record })));
    await this.store.commit(partition, token, changed.map((c) => recordWrite(c.step, this.options.closedRetentionMs)));
    await this.timers.arm(partition, changed.flatMap((c) => (c.arm === null ? [] : [c.arm])));
  }
}
