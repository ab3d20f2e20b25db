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
} as const;

export type TopicName = keyof typeof DEFAULT_TOPICS;
export type Topics = Record<TopicName, string>;

/** The dead-letter topic of a topic: what its consumers could not parse or apply. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** The message key of everything about one ticket: one partition, so one ticket's events keep their order. */
export const ticketKey = (tenantId: string, ticketId: string): string => `${tenantId}:${ticketId}`;

/** Message headers every service sets. */
export const HEADERS = {
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  producer: 'producer',
} as const;
