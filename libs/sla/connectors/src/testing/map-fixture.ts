import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefaultPolicy } from '@stageplus/sla-policy';
import type { Source } from '../connector-mapping';
import { Connectors } from '../connectors-file/connectors';
import { mapDelivery, type MappingOutcome } from '../evaluation/map-delivery';

const policy = loadDefaultPolicy();
const presets = new Connectors();

/** The raw text of a fixture: a payload as the vendor documents it. */
export function fixtureText(source: Source, name: string): string {
  return readFileSync(join(__dirname, '../presets/fixtures', source, `${name}.json`), 'utf8');
}

/** Maps a fixture with the preset of its source, for tenant `chu-sainte-justine`. */
export function mapFixture(source: Source, name: string, headers: Record<string, string> = {}, connectors = presets): Promise<MappingOutcome> {
  const rawBody = fixtureText(source, name);
  const delivery = { body: JSON.parse(rawBody) as unknown, rawBody, headers, tenant: 'chu-sainte-justine' };
  return mapDelivery(connectors.mappingFor(source, delivery.tenant), delivery, policy);
}

/** The events of an outcome without their ids and tenant, for compact expectations. */
export function eventsOf(outcome: MappingOutcome): Record<string, unknown>[] {
  if (outcome.kind !== 'events') throw new Error(`expected events, got ignored: ${outcome.reason}`);
  return outcome.events.map(({ eventId: _id, tenantId: _tenant, ...rest }) => rest);
}
