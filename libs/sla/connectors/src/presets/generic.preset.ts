import type { ConnectorMapping } from '../connector-mapping';

/**
 * For in-house tools: one JSON object per change, in the STAGE+ words. `event` is `created`,
 * `status`, `priority`, `reply`, `resolved`, `closed` or `reopened`; the priority is P1-P4 (or
 * `critical`/`high`/`medium`/`low`), or `impact` and `urgency` 1-4 are given directly.
 */
export const GENERIC_PRESET: ConnectorMapping = {
  source: 'generic',
  fields: {
    ticketId: 'ticket.id',
    occurredAt: 'occurredAt',
    deliveryId: 'deliveryId',
    tenant: 'tenant',
    actor: 'actor',
    status: 'ticket.status',
    previousStatus: 'previous.status',
    priority: 'ticket.priority',
    previousPriority: 'previous.priority',
    impact: 'ticket.impact',
    urgency: 'ticket.urgency',
    deliveryType: '"generic " & event',
  },
  rules: [
    { when: 'event = "created"', emit: 'opened' },
    { when: 'event = "status"', emit: 'status' },
    { when: 'event = "priority"', emit: 'priority' },
    { when: 'event = "reply"', emit: 'responded' },
    { when: 'event = "resolved"', emit: 'resolved' },
    { when: 'event = "closed"', emit: 'closed' },
    { when: 'event = "reopened"', emit: 'reopened' },
  ],
  statuses: {
    new: 'new',
    open: 'in_progress',
    in_progress: 'in_progress',
    pending_customer: 'pending_customer',
    waiting_for_customer: 'pending_customer',
    resolved: 'resolved',
    closed: 'closed',
    '*': 'in_progress',
  },
  priorities: { P1: 'P1', P2: 'P2', P3: 'P3', P4: 'P4', critical: 'P1', high: 'P2', medium: 'P3', low: 'P4' },
  signature: { header: 'x-hub-signature-256', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=', message: 'body' },
};
