import { IDENTIFIER_PATTERN, parseTicketEvent, type TicketEvent } from '@stageplus/contracts';
import { tenantTimeZone, type SlaPolicy } from '@stageplus/sla-policy';
import { ConnectorError, type ConnectorIssue } from '../connector-error';
import type { EventKind, MappingField } from '../connector-mapping';
import type { CompiledMapping } from './compiled-mapping';
import { deliveryKey, eventIdOf } from './event-ids';
import { eventsOfKind, type DraftEvent } from './event-kinds';
import { readInstant } from './instants';
import { DeliveryReader, type Delivery } from './read-delivery';
import { TicketFacts } from './ticket-facts';

/** A delivery as received: parsed, plus the raw body its ids and signature are computed on. */
export interface RawDelivery extends Delivery {
  readonly rawBody: string | Uint8Array;
}

/** What a delivery becomes: ticket events to publish together, or nothing and why. */
export type MappingOutcome =
  | { readonly kind: 'events'; readonly tenantId: string; readonly events: readonly TicketEvent[] }
  | { readonly kind: 'ignored'; readonly tenantId: string; readonly reason: string };

/**
 * The ticket events one delivery becomes under `compiled`, each with an id derived from the
 * delivery (so a retry gives the same ids). Pure but for the clockless evaluation of the mapping.
 *
 * @throws ConnectorError `CONNECTOR.UNREADABLE_PAYLOAD` or `CONNECTOR.UNMAPPED_VALUE` naming the
 * mapping field and expression at fault; `CONNECTOR.TENANT_MISSING`.
 */
export async function mapDelivery(compiled: CompiledMapping, delivery: RawDelivery, policy: SlaPolicy): Promise<MappingOutcome> {
  const reader = new DeliveryReader(compiled, delivery);
  const tenantId = await tenantOf(reader, delivery);
  const { source } = compiled.mapping;
  const kinds: EventKind[] = [];
  for (let i = 0; i < compiled.rules.length; i++) if (await reader.matches(i)) kinds.push(compiled.rules[i].rule.emit);
  const what = String((await reader.optional('deliveryType')) ?? `${source} delivery`);
  if (kinds.length === 0) return { kind: 'ignored', tenantId, reason: `${what}: no rule of the ${source} mapping applies` };
  const facts = new TicketFacts(reader, compiled.mapping, policy);
  const drafts: DraftEvent[] = [];
  const reasons: string[] = [];
  for (const kind of new Set(kinds)) {
    const outcome = await eventsOfKind(kind, facts);
    if ('ignored' in outcome) reasons.push(outcome.ignored);
    else drafts.push(...outcome.events.filter((e) => !drafts.some((d) => d.part === e.part)));
  }
  if (drafts.length === 0) return { kind: 'ignored', tenantId, reason: `${what}: ${reasons.join('; ')}` };
  const common = await commonFields(reader, tenantId, compiled.mapping.timeZone ?? tenantTimeZone(policy, tenantId));
  const key = deliveryKey(await reader.optional('deliveryId'), delivery.rawBody);
  const events = drafts.map(({ part, ...draft }) => ({ eventId: eventIdOf(source, key, part), ...common, ...draft }));
  return { kind: 'events', tenantId, events: events.map((event) => validated(event, reader)) };
}

async function tenantOf(reader: DeliveryReader, delivery: Delivery): Promise<string> {
  const fromPayload = await reader.optional('tenant');
  const tenant = fromPayload !== undefined && fromPayload !== '' ? String(fromPayload) : delivery.tenant;
  if (tenant === undefined || tenant === '') {
    throw new ConnectorError('CONNECTOR.TENANT_MISSING', 'the delivery names no tenant: add ?tenant=<tenantId> to the webhook URL', [
      { field: 'tenant', message: 'is missing from the URL (?tenant=) and from the payload' },
    ]);
  }
  return tenant;
}

async function commonFields(reader: DeliveryReader, tenantId: string, zone: string) {
  const ticketId = String(await reader.required('ticketId'));
  const when = await reader.required('occurredAt');
  const occurredAt = readInstant(when, zone);
  if (occurredAt === null) throw ConnectorError.unreadable('occurredAt', reader.expressionOf('occurredAt'), `"${String(when)}" is not an instant`);
  const actor = actorId(await reader.optional('actor'));
  return { tenantId, ticketId, occurredAt, ...(actor !== undefined ? { actor } : {}) };
}

/**
 * Actors are opaque ids; sources give names and e-mails too. Characters an id cannot hold become
 * `_` rather than refusing a delivery for the name of who did it.
 */
function actorId(value: string | number | boolean | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const id = String(value).replace(/[^A-Za-z0-9._:@-]/g, '_').slice(0, 128);
  return IDENTIFIER_PATTERN.test(id) ? id : undefined;
}

const FIELD_OF_EVENT: Readonly<Record<string, MappingField>> = {
  ticketId: 'ticketId',
  tenantId: 'tenant',
  occurredAt: 'occurredAt',
  impact: 'priority',
  urgency: 'priority',
  status: 'status',
  actor: 'actor',
  eventId: 'deliveryId',
};

/** The event as the schema takes it, or the mapping fields that produced its bad values. */
function validated(event: Record<string, unknown>, reader: DeliveryReader): TicketEvent {
  const parsed = parseTicketEvent(event);
  if (parsed.ok) return parsed.value;
  const issues: ConnectorIssue[] = parsed.errors.map((error) => {
    const field = FIELD_OF_EVENT[error.field];
    return { field: field === undefined ? error.field : `${field} (${reader.expressionOf(field)})`, message: `${error.message} (as ${error.field}: ${JSON.stringify(event[error.field])})` };
  });
  throw new ConnectorError('CONNECTOR.UNREADABLE_PAYLOAD', 'the mapping gives an event the schema refuses', issues);
}
