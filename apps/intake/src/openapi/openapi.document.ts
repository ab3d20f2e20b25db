import { TICKET_EVENT_TYPES } from '@stageplus/contracts';
import { PROBLEM_TYPES } from '@stageplus/http';
import { MAX_BATCH_SIZE } from '../events/ingest-events/ticket-event-batch';
import { webhookPaths, webhookSecuritySchemes } from './webhooks.openapi';

const identifier = {
  type: 'string',
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9._:@-]+$',
  description: 'An opaque key: never a name or free text. No `/` (ids travel in URL paths), e.g. `INC0012345`, `JIRA-123`.',
};
const code = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' };
const instant = {
  type: 'string',
  format: 'date-time',
  description:
    'ISO-8601 with an explicit offset (`Z` or `±hh:mm`), e.g. `2026-06-23T15:10:00-04:00`; a real calendar date-time (2026-02-30 and 24:00 are refused), 2000-2099.',
};
const level = { type: 'integer', enum: [1, 2, 3, 4] };

const problem = (description: string, type: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: {
    'application/problem+json': {
      schema: { $ref: '#/components/schemas/Problem' },
      example: { type, title: '…', status: 0, detail: '…', instance: '/v1/events' },
    },
  },
});

const retryAfter = { 'Retry-After': { description: 'Seconds to wait before sending the same request again.', schema: { type: 'integer' } } };

/**
 * The OpenAPI 3.1 description of the intake API, written by hand so that it reads as the
 * contract. `openapi.spec.ts` holds it to the event schema of `@stageplus/contracts`.
 */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'STAGE+ SLA monitor: intake',
    version: '1.0.0',
    description:
      'Ticket events from the ticketing systems into the SLA monitor. Events carry ticket metadata only: ' +
      'unknown fields are refused so that no free text about patients or users gets in.',
  },
  servers: [{ url: '/' }],
  security: [{ apiKey: [] }],
  paths: {
    '/v1/events': {
      post: {
        operationId: 'ingestEvents',
        summary: 'Accept one ticket event or a batch, all or nothing',
        description:
          `One event or an array of 1 to ${MAX_BATCH_SIZE}. Every event is validated, and its tenant checked against the API key, ` +
          'before any is published; the answer comes once Kafka has acknowledged them. One ticket\'s events keep their order.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                oneOf: [{ $ref: '#/components/schemas/TicketEvent' }, { $ref: '#/components/schemas/TicketEventBatch' }],
              },
            },
          },
        },
        responses: {
          '202': {
            description: 'Accepted: the events are durably on the `tickets.events` topic.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/IngestReceipt' } } },
          },
          '400': problem(
            'Invalid: `errors` names every bad field (`occurredAt`, `[3].impact`, `(body)`, `[3].eventId` "duplicate of [1].eventId"); nothing was accepted.',
            PROBLEM_TYPES.validation,
          ),
          '401': problem('No API key, an unknown one, or an expired one (`key-expired`, `code` `AUTH.KEY_EXPIRED`). Checked before the body is read.', PROBLEM_TYPES.unauthorized, {
            'WWW-Authenticate': { schema: { type: 'string' }, example: 'Bearer' },
          }),
          '403': problem('The key lacks the `write` scope (`scope-missing`, `code` `AUTH.SCOPE_MISSING`), or may not post for a tenant of the payload; nothing was accepted.', PROBLEM_TYPES.forbiddenTenant),
          '413': problem('The body is over the size limit (1 MB by default).', PROBLEM_TYPES.payloadTooLarge),
          '415': problem('The body is not sent as `application/json` (UTF-8); nothing was read.', 'about:blank'),
          '429': problem('Over the key\'s rate (`code` `RATE_LIMIT.EXCEEDED`; default 100 requests/s, burst 200, per instance), or too many requests without a valid key from this address: nothing was read. Or over a tenant\'s events per second (`code` `RATE_LIMIT.TENANT_EVENTS`; default 1,000 events/s, burst 10,000, per instance; `errors` names the first event of each tenant over its quota, `[i].tenantId`): nothing was accepted. Send the same request again after `Retry-After`.', PROBLEM_TYPES.rateLimited, { ...retryAfter, 'RateLimit-Remaining': { schema: { type: 'integer' } } }),
          '503': problem('Kafka did not take the events; nothing is known accepted. Send the same events again.', PROBLEM_TYPES.unavailable, retryAfter),
        },
      },
    },
    ...webhookPaths,
    '/health/live': {
      get: {
        operationId: 'live',
        summary: 'The process answers (the same shape on every service)',
        security: [],
        responses: { '200': { description: 'Live.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Live' } } } } },
      },
    },
    '/health/ready': {
      get: {
        operationId: 'ready',
        summary: 'The service can accept events (the Kafka producer is connected); the same shape on every service',
        security: [],
        responses: {
          '200': { description: 'Ready: every check is up.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Readiness' } } } },
          '503': { description: 'Not ready (`status: not-ready`): the checks say which dependency is down and why.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Readiness' } } } },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      apiKey: { type: 'http', scheme: 'bearer', description: 'An API key bound to tenants, with the `write` scope to post: `Authorization: Bearer <key>`.' },
      ...webhookSecuritySchemes,
    },
    schemas: {
      Live: {
        type: 'object',
        required: ['status', 'service'],
        properties: { status: { enum: ['live', 'dead'] }, service: { type: 'string' }, detail: { type: 'string' } },
      },
      Readiness: {
        type: 'object',
        required: ['status', 'service', 'checks'],
        properties: {
          status: { enum: ['ready', 'not-ready'] },
          service: { type: 'string' },
          checks: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              required: ['status'],
              properties: { status: { enum: ['up', 'down'] }, detail: { type: 'string' } },
            },
          },
        },
      },
      TicketEvent: {
        type: 'object',
        additionalProperties: false,
        required: ['eventId', 'type', 'tenantId', 'ticketId', 'occurredAt'],
        properties: {
          eventId: { ...identifier, description: 'Idempotency key: a repeated eventId is ignored downstream.' },
          type: { type: 'string', enum: [...TICKET_EVENT_TYPES] },
          tenantId: identifier,
          ticketId: identifier,
          occurredAt: { ...instant, description: `When it happened upstream. ${instant.description}` },
          receivedAt: { ...instant, description: 'When it reached the system; for replays only. Defaults to `occurredAt`.' },
          impact: { ...level, description: '1 extensive .. 4 minor. Required on `ticket.opened`; on `ticket.updated`, with `urgency`.' },
          urgency: { ...level, description: '1 critical .. 4 low. Required on `ticket.opened`; on `ticket.updated`, with `impact`.' },
          status: { ...code, description: 'The upstream status, as a code.' },
          actor: { ...identifier, description: 'An agent or system id, never a person\'s name.' },
          reason: { ...code, description: 'A short reason code, e.g. `customer_info_requested`.' },
        },
        allOf: [
          { if: { properties: { type: { const: 'ticket.opened' } } }, then: { required: ['impact', 'urgency'] } },
          {
            if: { properties: { type: { const: 'ticket.updated' } } },
            then: { dependentRequired: { impact: ['urgency'], urgency: ['impact'] } },
          },
        ],
      },
      TicketEventBatch: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_BATCH_SIZE,
        items: { $ref: '#/components/schemas/TicketEvent' },
      },
      IngestReceipt: {
        type: 'object',
        required: ['accepted', 'eventIds'],
        properties: {
          accepted: { type: 'integer', minimum: 1 },
          eventIds: { type: 'array', items: { type: 'string' }, description: 'In the order given.' },
        },
      },
      Problem: {
        type: 'object',
        description: 'RFC 9457 problem details. Branch on `type`.',
        required: ['type', 'title', 'status', 'detail', 'instance'],
        properties: {
          type: { type: 'string', format: 'uri', examples: Object.values(PROBLEM_TYPES) },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          instance: { type: 'string', description: 'The request path.' },
          code: { type: 'string', description: 'A stable code where `type` is coarse, e.g. `AUTH.KEY_EXPIRED`.' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['field', 'message'],
              properties: { field: { type: 'string' }, message: { type: 'string' } },
            },
          },
        },
      },
    },
  },
} as const;
