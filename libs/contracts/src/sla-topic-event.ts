import type { SlaCleared } from './sla-cleared';
import type { SlaNotification } from './sla-notifications';

/** Anything on the SLA topics: a fired threshold or a cleared alert (discriminated by `type`). */
export type SlaTopicEvent = SlaNotification | SlaCleared;
