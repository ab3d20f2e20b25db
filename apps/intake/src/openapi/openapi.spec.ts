import { ticketEventSchema, TICKET_EVENT_TYPES } from '@stageplus/contracts';
import { startIntake, type IntakeUnderTest } from '../testing/intake-under-test';
import { openApiDocument } from './openapi.document';

describe('GET /openapi.json', () => {
  let intake: IntakeUnderTest;
  beforeAll(async () => {
    intake = await startIntake({ record: false });
  });
  afterAll(() => intake.close());

  it('serves an OpenAPI 3.1 document of the events, webhooks and health endpoints, without a key', async () => {
    const answer = await intake.get('/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ openapi: '3.1.0' });
    const paths = answer.body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths)).toEqual(['/v1/events', '/v1/webhooks/{source}', '/health/live', '/health/ready']);
    expect(Object.keys(paths['/v1/events'].post as object)).toContain('requestBody');
  });

  it('describes exactly the fields and types the contract accepts', () => {
    const event = openApiDocument.components.schemas.TicketEvent;
    expect(Object.keys(event.properties).sort()).toEqual(Object.keys(ticketEventSchema.shape).sort());
    expect(event.properties.type.enum).toEqual(TICKET_EVENT_TYPES);
  });

  it('resolves every $ref it uses', () => {
    const refs = JSON.stringify(openApiDocument).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const name = /#\/components\/schemas\/(\w+)/.exec(ref)?.[1];
      expect(openApiDocument.components.schemas).toHaveProperty(name as string);
    }
  });
});
