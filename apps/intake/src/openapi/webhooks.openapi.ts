import { PROBLEM_TYPES } from '@stageplus/http';
import { SOURCES } from '@stageplus/sla-connectors';

const problem = (description: string, type: string, code: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, example: { type, title: '…', status: 0, detail: '…', code } } },
});

/** `POST /v1/webhooks/{source}`, merged into intake's OpenAPI document. */
export const webhookPaths = {
  '/v1/webhooks/{source}': {
    post: {
      operationId: 'receiveWebhook',
      summary: "Accept a ticketing system's own webhook delivery, mapped to ticket events",
      description:
        "The body is the source's own payload (Jira, Zammad, GLPI, Zendesk, Request Tracker, or the generic shape). The tenant's mapping " +
        '(the preset, with the overrides of the connectors file) turns it into ticket events, published all in one or none. Event ids are ' +
        "derived from the source's delivery id (else a digest of the raw body), so a retried delivery gives the same ids and consumers drop " +
        'the repeat. Authenticate with the write key (Bearer, or Basic with the key as password), or with the source\'s signature ' +
        '(`X-Hub-Signature`, `X-Zendesk-Webhook-Signature`, `X-GLPI-signature`) under the tenant\'s secret, which needs `?tenant=`.',
      security: [{ apiKey: [] }, { webhookBasic: [] }, { webhookSignature: [] }],
      parameters: [
        { name: 'source', in: 'path', required: true, schema: { type: 'string', enum: [...SOURCES] } },
        {
          name: 'tenant',
          in: 'query',
          required: false,
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:@-]{1,128}$' },
          description: 'The establishment, set once in the webhook URL; required unless the mapping reads it from the payload (generic: `tenant`).',
        },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', description: "The source's payload, as it sends it." } } } },
      responses: {
        '202': {
          description: 'The events are durably on `tickets.events` (`accepted`, `eventIds`), or the delivery changes nothing for the SLA (`ignored`: why).',
          content: {
            'application/json': {
              schema: {
                oneOf: [
                  { $ref: '#/components/schemas/IngestReceipt' },
                  { type: 'object', required: ['ignored'], properties: { ignored: { type: 'string', example: 'jira:issue_updated: no rule of the jira mapping applies' } } },
                ],
              },
            },
          },
        },
        '400': problem(
          'The mapping cannot read the payload (`WEBHOOK.UNREADABLE_PAYLOAD`, `errors[].field` names the mapping field and its JSONata path, e.g. `ticketId (issue.key)`), ' +
            'a status or priority has no entry (`WEBHOOK.UNMAPPED_VALUE`), no tenant is named (`WEBHOOK.TENANT_MISSING`), or the body is not JSON (`WEBHOOK.NOT_JSON`). Nothing was accepted.',
          PROBLEM_TYPES.validation,
          'WEBHOOK.UNREADABLE_PAYLOAD',
        ),
        '401': problem('No key and no signature (`WEBHOOK.NO_CREDENTIALS`), an unknown key, or a signature that does not match (`WEBHOOK.BAD_SIGNATURE`).', PROBLEM_TYPES.unauthorized, 'WEBHOOK.BAD_SIGNATURE'),
        '403': problem("The key may not post for the delivery's tenant.", PROBLEM_TYPES.forbiddenTenant, 'forbidden-tenant'),
        '404': problem('No such source (`WEBHOOK.UNKNOWN_SOURCE`).', 'about:blank', 'WEBHOOK.UNKNOWN_SOURCE'),
        '413': problem('The body is over the size limit (1 MB by default).', PROBLEM_TYPES.payloadTooLarge, 'payload-too-large'),
        '429': problem("Over the key's rate (`RATE_LIMIT.EXCEEDED`), or over the tenant's events per second (`RATE_LIMIT.TENANT_EVENTS`, as `POST /v1/events`); nothing was accepted: the source retries the same delivery after `Retry-After`.", PROBLEM_TYPES.rateLimited, 'RATE_LIMIT.TENANT_EVENTS'),
        '503': problem('Kafka did not take the events, or intake has not read the policy history yet (Kafka away since it started); the source retries the same delivery, which gives the same event ids.', PROBLEM_TYPES.unavailable, 'unavailable'),
      },
    },
  },
};

/** The webhook's other ways in than the Bearer key. */
export const webhookSecuritySchemes = {
  webhookBasic: { type: 'http', scheme: 'basic', description: 'HTTP Basic whose password is the write key (the user name is not read).' },
  webhookSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Hub-Signature',
    description: "The source's HMAC of the raw body under the tenant's secret (connectors file): Jira `X-Hub-Signature: sha256=<hex>`, Zammad `sha1=<hex>`, Zendesk `X-Zendesk-Webhook-Signature` (base64, with its timestamp header), GLPI `X-GLPI-signature` (hex of body + `X-GLPI-timestamp`), generic `X-Hub-Signature-256`.",
  },
};
