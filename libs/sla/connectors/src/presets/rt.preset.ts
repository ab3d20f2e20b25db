import type { ConnectorMapping } from '../connector-mapping';

const STATUS_CHANGE = '(transaction.type = "Status" or (transaction.type = "Set" and transaction.field = "Status"))';
const PRIORITY_CHANGE = '(transaction.type = "Set" and transaction.field = "Priority")';

/**
 * Request Tracker, through the scrip that POSTs each transaction as
 * `{ticket: {id, queue, status, priority, requestor, …}, transaction: {id, type, field, old_value,
 * new_value, created (UTC), creator, creator_is_requestor}}`. The transaction id names the delivery.
 * Priorities 0-100. A reply is the response unless its author is a requestor: RT says so
 * (`creator_is_requestor`); a payload without the flag falls back to comparing login and address.
 */
export const RT_PRESET: ConnectorMapping = {
  source: 'rt',
  fields: {
    ticketId: '$string(ticket.id)',
    occurredAt: 'transaction.created',
    deliveryId: '$string(transaction.id)',
    actor: 'transaction.creator',
    status: `${STATUS_CHANGE} ? transaction.new_value : ticket.status`,
    previousStatus: `${STATUS_CHANGE} ? transaction.old_value`,
    priority: `${PRIORITY_CHANGE} ? transaction.new_value : ticket.priority`,
    previousPriority: `${PRIORITY_CHANGE} ? transaction.old_value`,
    deliveryType: '"rt " & transaction.type',
  },
  rules: [
    { when: 'transaction.type = "Create"', emit: 'opened' },
    { when: STATUS_CHANGE, emit: 'status' },
    { when: PRIORITY_CHANGE, emit: 'priority' },
    {
      when: 'transaction.type = "Correspond" and $not(transaction.creator_is_requestor = true) and $not($lowercase(transaction.creator) = $lowercase(ticket.requestor))',
      emit: 'responded',
    },
  ],
  statuses: { new: 'new', open: 'in_progress', stalled: 'pending_customer', resolved: 'resolved', rejected: 'closed', deleted: 'closed', '*': 'in_progress' },
  priorities: {},
  priorityRanges: [
    { min: 80, priority: 'P1' },
    { min: 60, priority: 'P2' },
    { min: 30, priority: 'P3' },
    { min: 0, priority: 'P4' },
  ],
  timeZone: 'UTC',
};
