import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadDefaultPolicy } from '@stageplus/sla-policy';
import { replay } from './replay';
import { TicketLog } from './testing/ticket-events.fixture';

/** The AsyncAPI document says what consumers may rely on: the engine's events must match it. */
const schemas = parse(readFileSync(join(__dirname, '../../../contracts/asyncapi.yaml'), 'utf8')).components.schemas as Record<
  string,
  { required: string[]; properties: Record<string, unknown> }
>;

describe('the SLA events match the AsyncAPI document', () => {
  const log = new TicketLog()
    .opened('2026-06-16T09:00:00-04:00', 2, 2)
    .add('ticket.responded', '2026-06-16T10:10:00-04:00')
    .add('ticket.resolved', '2026-06-26T10:00:00-04:00')
    .add('ticket.closed', '2026-06-26T11:00:00-04:00');
  const result = replay(log.known(), { policy: loadDefaultPolicy(), plan: 'BASE' });

  it.each([
    ['SlaNotification', () => result.fired[0]],
    ['SlaCleared', () => result.cleared[0]],
    ['SlaOutcome', () => result.outcomes[0]],
    ['ClockOutcome', () => result.outcomes[0].clocks.response],
  ])('given a %s built by the engine, then it has every documented field and only those', (name, build) => {
    const event = build() as object;
    expect(event).toBeDefined();
    expect(Object.keys(event).sort()).toEqual(Object.keys(schemas[name].properties).sort());
    for (const field of schemas[name].required) expect(event).toHaveProperty(field);
  });
});
