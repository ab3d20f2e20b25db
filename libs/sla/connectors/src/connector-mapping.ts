import type { Priority } from '@stageplus/contracts';

/** The ticketing systems intake has a preset for (`POST /v1/webhooks/{source}`). */
export const SOURCES = ['jira', 'zammad', 'glpi', 'zendesk', 'rt', 'generic'] as const;
export type Source = (typeof SOURCES)[number];

export function isSource(value: unknown): value is Source {
  return SOURCES.includes(value as Source);
}

/**
 * What a rule makes of a delivery it matches:
 * - `opened`: `ticket.opened` with impact and urgency (from the priority) and the status;
 * - `status`: the status change, read with the previous status when the source sends it:
 *   resolved, closed, reopened (from resolved or closed), a pause or its end, or nothing;
 * - `priority`: `ticket.updated` with the new impact and urgency, or nothing if it is unchanged;
 * - `responded`: `ticket.responded` (the rule's `when` decides what counts as an agent's reply);
 * - `state`: for sources that send the ticket as it is, not what changed (GLPI, Zammad):
 *   resolved or closed, else `ticket.updated` with status, impact and urgency;
 * - `resolved`, `closed`, `reopened`: that event, whatever the status says.
 */
export const EVENT_KINDS = ['opened', 'status', 'priority', 'responded', 'state', 'resolved', 'closed', 'reopened'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One rule: when the JSONata expression `when` is true of the delivery, it makes events of `emit`. */
export interface EventRule {
  readonly when: string;
  readonly emit: EventKind;
}

/**
 * Where the facts are in a delivery: JSONata expressions over the parsed body, with
 * `$headers` (lower-case names) and `$tenant` (the URL's `?tenant=`) bound.
 */
export interface MappingFields {
  readonly ticketId: string;
  /** Epoch ms or s (numbers), ISO-8601 with an offset, or a local `Y-m-d H:i:s` in `timeZone`. */
  readonly occurredAt: string;
  /** The source's id of the delivery, the same on its retries; the raw body's digest when absent. */
  readonly deliveryId?: string;
  /** The tenant, for sources that carry it; the URL's `?tenant=` otherwise. */
  readonly tenant?: string;
  readonly actor?: string;
  readonly status?: string;
  readonly previousStatus?: string;
  readonly priority?: string;
  readonly previousPriority?: string;
  /** Impact and urgency as 1-4, for senders that know the matrix (`generic`); else from `priority`. */
  readonly impact?: string;
  readonly urgency?: string;
  /** A short name of the delivery for messages (`jira:issue_updated`). */
  readonly deliveryType?: string;
}

export type MappingField = keyof MappingFields;

/** Numeric priorities (RT's 0-100): the first range whose `min` the value reaches. */
export interface PriorityRange {
  readonly min: number;
  readonly priority: Priority;
}

/**
 * How a source signs its deliveries with a per-tenant secret: an HMAC of the raw body (with the
 * timestamp header before or after it), hex or base64, maybe prefixed (`sha256=`).
 */
export interface SignatureScheme {
  /** Header holding the signature (lower-case). */
  readonly header: string;
  readonly algorithm: 'sha1' | 'sha256';
  readonly encoding: 'hex' | 'base64';
  /** Text before the digest in the header, e.g. `sha256=`. */
  readonly prefix?: string;
  /** Header holding a timestamp that is part of the signed message. */
  readonly timestampHeader?: string;
  /** What is signed: the body alone, the timestamp then the body, or the body then the timestamp. */
  readonly message: 'body' | 'timestamp+body' | 'body+timestamp';
}

/** A source's mapping, as data: a preset, possibly overridden per tenant by the connectors file. */
export interface ConnectorMapping {
  readonly source: Source;
  readonly fields: MappingFields;
  /** Evaluated in order; every rule that matches makes its events. */
  readonly rules: readonly EventRule[];
  /**
   * Source status (compared case-insensitively) → STAGE+ status code. `resolved` and `closed`
   * stop the clocks; a code among the policy's `pauseStatuses` pauses; anything else runs.
   * `*` applies to statuses not listed; without it an unlisted status is refused.
   */
  readonly statuses: Readonly<Record<string, string>>;
  /** Source priority (case-insensitive) → P1-P4; `*` for the others. */
  readonly priorities: Readonly<Record<string, Priority>>;
  /** For numeric priorities, tried before `priorities`, highest `min` first. */
  readonly priorityRanges?: readonly PriorityRange[];
  /** IANA zone of instants written without an offset; default: the tenant's zone in the policy. */
  readonly timeZone?: string;
  readonly signature?: SignatureScheme;
}
