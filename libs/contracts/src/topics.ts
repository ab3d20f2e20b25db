/** Default topic names; every service takes them from configuration. */
export const DEFAULT_TOPICS = {
  /** Ticket events as accepted by intake. Key: `tenantId:ticketId`. */
  ticketEvents: 'tickets.events',
  /** Ticket events enriched with priority, plan and targets. Key: `tenantId:ticketId`. */
  ticketsPrioritized: 'tickets.prioritized',
  /** `sla.escalated` events (levels 1..3). Key: `tenantId:ticketId`. */
  slaEscalations: 'sla.escalations',
  /** `sla.breached` events. Key: `tenantId:ticketId`. */
  slaBreaches: 'sla.breaches',
  /**
   * The timer's changelog: one record per open ticket (its compact clock state), compacted, a
   * tombstone when the ticket is done. Rebuilds Redis when it lost the timer's state.
   * Key: `tenantId:ticketId`; written to the same partition number as `tickets.prioritized`.
   */
  timerState: 'sla.timer.state',
  /**
   * `sla.outcome` of each closed ticket (met or breached per clock), compacted: the source of
   * compliance reports. Key: `tenantId:ticketId`.
   */
  slaOutcomes: 'sla.outcomes',
  /**
   * The published policy versions, compacted, one partition (publication order is offset order):
   * `PolicyVersionRecord`. Key: the version.
   */
  slaPolicy: 'sla.policy',
  /**
   * Which policy version each running service instance holds, compacted: `PolicyStatusRecord`,
   * written at each switch and as a heartbeat. Key: `service:instance`.
   */
  slaPolicyStatus: 'sla.policy.status',
} as const;

export type TopicName = keyof typeof DEFAULT_TOPICS;
export type Topics = Record<TopicName, string>;

/** The dead-letter topic of a topic: what its consumers could not parse or apply. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** The message key of everything about one ticket: one partition, so one ticket's events keep their order. */
export const ticketKey = (tenantId: string, ticketId: string): string => `${tenantId}:${ticketId}`;

/** The dead-letter reason of a record whose key is not the `tenantId:ticketId` of its body. */
export const KEY_MISMATCH = 'MESSAGE.KEY_MISMATCH';

/**
 * Why a record's key does not fit the ticket its body is about, or null when it does. A record
 * keyed otherwise (another ticket, another tenant, no key) was partitioned by something else:
 * it may sit on another partition than its ticket's other events, whose order is then lost.
 * The key is the producer's text: quoted, and cut to 140 characters.
 */
export function ticketKeyMismatch(key: string | null, event: { readonly tenantId: string; readonly ticketId: string }): string | null {
  const expected = ticketKey(event.tenantId, event.ticketId);
  if (key === expected) return null;
  const shown = key === null ? 'no key' : `the key ${JSON.stringify(key.length > 140 ? `${key.slice(0, 139)}…` : key)}`;
  return `the record has ${shown}, not "${expected}" (tenantId:ticketId of its event): it was partitioned by something else, so its ticket's order is not kept`;
}

/** Message headers every service sets. */
export const HEADERS = {
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  producer: 'producer',
} as const;
