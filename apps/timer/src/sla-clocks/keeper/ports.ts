import type { SlaTicketOutcome, SlaTopicEvent } from '@stageplus/contracts';
import type { EvaluationContext } from '@stageplus/sla-engine';
import type { TicketRecord } from '../ticket-record/ticket-record';
import type { TicketRef } from '../ticket-ref';

/**
 * The timer's side effects, each behind a port with an in-memory fake (`../testing`), so that the
 * keeper's logic runs in virtual time in tests and the real brokers test only the adapters.
 *
 * State is sharded by the Kafka partition of `tickets.prioritized`: the member that owns a
 * partition is the only writer of its tickets. Ownership is proven by a fence token, checked by
 * the store on every load and commit.
 */
export interface ClockStore {
  /** The records of `refs` (absent ones omitted). @throws FencedOut, StateLost */
  load(partition: number, token: string, refs: readonly TicketRef[]): Promise<Map<string, TicketRecord>>;
  /** Writes (or deletes) records, atomically and only while `token` owns the partition. @throws FencedOut, StateLost */
  commit(partition: number, token: string, writes: readonly RecordWrite[]): Promise<void>;
  /** A record as stored, unfenced: for reads. */
  read(partition: number, ref: TicketRef): Promise<TicketRecord | null>;
  /** Takes the partition for `token`; tells whether its state is there or was lost (never built, or Redis lost it). */
  claim(partition: number, token: string): Promise<'intact' | 'lost'>;
  /** Writes rebuilt records and marks the partition's state complete, if `token` still owns it. */
  restore(partition: number, token: string, records: readonly TicketRecord[]): Promise<void>;
  /** Up to `limit` tickets whose timer goes off at or before `until`, earliest first. */
  due(partition: number, until: number, limit: number): Promise<TicketRef[]>;
  /**
   * `due` and `load` in one read (a wake-up's): the tickets due by `until` and the records of those
   * that have one; `'more'` when more than `limit` are due (none read). The records are as they
   * were at the read: whoever uses one must know that nothing wrote the ticket since.
   * @throws FencedOut, StateLost
   */
  loadDue(partition: number, token: string, until: number, limit: number): Promise<DueRecords | 'more'>;
  /** The earliest instant a timer of the partition goes off strictly after `after` (null: none); unfenced. */
  firstDueAfter(partition: number, after: number): Promise<number | null>;
  /**
   * Every open ticket of the partition that a new policy version could change: those with a timer
   * (the due index) and those paused (the paused index), each once, in key order. Unfenced.
   */
  open(partition: number): Promise<TicketRef[]>;
  /** For each partition: still ours and intact, lost, or taken by another member. */
  check(owned: ReadonlyMap<number, string>): Promise<Map<number, 'intact' | 'lost' | 'taken'>>;
  /** A page of the at-risk board, across `partitions`, unfenced: for reads (any member may answer). */
  board(query: BoardQuery): Promise<BoardEntry[]>;
}

export interface DueRecords {
  readonly refs: TicketRef[];
  /** By `refKey`; a ticket without a record (forgotten since) is absent. */
  readonly records: Map<string, TicketRecord>;
}

/**
 * The at-risk board's two orders: `due` by the instant the ticket's timer goes off (its next
 * threshold), `paused` by the start of the resolution clock's open pause.
 */
export interface BoardQuery {
  readonly index: 'due' | 'paused';
  readonly partitions: readonly number[];
  /** Only this tenant's tickets; all tenants when absent. */
  readonly tenantId?: string;
  /** Strictly after this position (the last entry of the previous page); from the start when null. */
  readonly after: BoardPosition | null;
  readonly limit: number;
}

/** A place in a board's total order: score first, then `tenant|ticket`. */
export interface BoardPosition {
  readonly score: number;
  readonly key: string;
}

export interface BoardEntry {
  readonly position: BoardPosition;
  readonly record: TicketRecord;
}

export interface RecordWrite {
  readonly record: TicketRecord;
  /** Forget the record after this long (ms): a closed ticket stays readable for a while, then goes. */
  readonly expireAfterMs?: number;
}

/**
 * The scheduler side of "schedule as data": each ticket's timer is its entry in the due index
 * (its record's `armedAt`, committed with it); the timers make sure the partition wakes up by
 * then. Called after the commit, so a wake-up that reads the index sees the ticket.
 */
export interface TicketTimers {
  /** The tickets' timers were committed at `at`: wake the partition up no later than that. */
  arm(partition: number, arms: readonly TimerArm[]): Promise<void>;
  /** The tickets have nothing upcoming (their index entries are gone with the commit). */
  cancel(partition: number, refs: readonly TicketRef[]): Promise<void>;
}

/** A ticket's timer, committed for instant `at`. */
export interface TimerArm {
  readonly ref: TicketRef;
  readonly at: number;
}

/** What the timer publishes: thresholds and clears on the SLA topics, outcomes on `sla.outcomes`. */
export type SlaPublication = SlaTopicEvent | SlaTicketOutcome;

/** The SLA topics, the outcomes and the changelog: one acknowledged write per call. */
export interface SlaOutbox {
  publish(partition: number, notifications: readonly SlaPublication[], changelog: readonly ChangelogEntry[]): Promise<void>;
}

/** A ticket's state for the changelog; `record: null` is a tombstone (the ticket is done). */
export interface ChangelogEntry {
  readonly ref: TicketRef;
  readonly record: TicketRecord | null;
}

/** The partition belongs to another member now: stop, write nothing. */
export class FencedOut extends Error {
  readonly code = 'TIMER.FENCED_OUT';
  constructor(partition: number) {
    super(`partition ${partition} is owned by another timer: this one must not write`);
    this.name = 'FencedOut';
  }
}

/** The partition's state is gone from Redis (restart without persistence, flush): rebuild it. */
export class StateLost extends Error {
  readonly code = 'TIMER.STATE_LOST';
  constructor(partition: number) {
    super(`the timer state of partition ${partition} is missing from Redis: it is being rebuilt`);
    this.name = 'StateLost';
  }
}

/** What a `ClockKeeper` decides with and by. */
export interface ClockKeeperOptions {
  /**
   * What the engine decides with, asked once per batch: a batch is decided under one history even
   * when a new policy version arrives meanwhile (the next batch takes it).
   */
  readonly ctx: () => EvaluationContext;
  /** How long a closed ticket's record stays readable (ms) before Redis forgets it. */
  readonly closedRetentionMs: number;
  /** The wall clock: `Date.now` live, a virtual clock in tests. */
  readonly clock: () => number;
}
