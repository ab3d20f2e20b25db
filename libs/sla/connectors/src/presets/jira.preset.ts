import type { ConnectorMapping } from '../connector-mapping';

const STATUS_ITEM = 'changelog.items[field = "status"][0]';
const PRIORITY_ITEM = 'changelog.items[field = "priority"][0]';

/**
 * Jira Service Management (Cloud and Data Center webhooks): one delivery per event, with
 * `webhookEvent`, `timestamp` (epoch ms), the `issue` and, for updates, the `changelog` items that
 * changed. Retries keep `X-Atlassian-Webhook-Identifier`. A comment counts as the response when it
 * is public (`jsdPublic`) and neither by the reporter nor by a portal customer.
 */
export const JIRA_PRESET: ConnectorMapping = {
  source: 'jira',
  fields: {
    ticketId: 'issue.key',
    occurredAt: 'timestamp',
    deliveryId: '$headers."x-atlassian-webhook-identifier"',
    actor: 'webhookEvent = "comment_created" ? comment.author.accountId : user.accountId',
    status: `$exists(${STATUS_ITEM}) ? ${STATUS_ITEM}.toString : issue.fields.status.name`,
    previousStatus: `${STATUS_ITEM}.fromString`,
    priority: `$exists(${PRIORITY_ITEM}) ? ${PRIORITY_ITEM}.toString : issue.fields.priority.name`,
    previousPriority: `${PRIORITY_ITEM}.fromString`,
    deliveryType: 'webhookEvent',
  },
  rules: [
    { when: 'webhookEvent = "jira:issue_created"', emit: 'opened' },
    { when: `webhookEvent = "jira:issue_updated" and $exists(${STATUS_ITEM})`, emit: 'status' },
    { when: `webhookEvent = "jira:issue_updated" and $exists(${PRIORITY_ITEM})`, emit: 'priority' },
    {
      when:
        'webhookEvent = "comment_created" and $not(comment.jsdPublic = false) and $not(comment.author.accountType = "customer")' +
        ' and $not(comment.author.accountId = issue.fields.reporter.accountId)',
      emit: 'responded',
    },
  ],
  statuses: {
    'Waiting for customer': 'pending_customer',
    Pending: 'pending_customer',
    Resolved: 'resolved',
    Closed: 'closed',
    Done: 'closed',
    Canceled: 'closed',
    Cancelled: 'closed',
    '*': 'in_progress',
  },
  priorities: { Highest: 'P1', High: 'P2', Medium: 'P3', Low: 'P4', Lowest: 'P4' },
  signature: { header: 'x-hub-signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=', message: 'body' },
};
