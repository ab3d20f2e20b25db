import { Inject, Injectable } from '@nestjs/common';
import { forbiddenTenantProblem, refusedTenants, unavailableProblem, type ApiKeyPrincipal } from '@stageplus/http';
import { ConnectorError, Connectors, mapDelivery, type RawDelivery, type Source } from '@stageplus/sla-connectors';
import { latestVersion, type SlaPolicy } from '@stageplus/sla-policy';
import { PolicyFollower } from '@stageplus/sla-policy-feed';
import { IngestEventsService, type IngestReceipt } from '../events/ingest-events/ingest-events.service';
import { webhookInvalidProblem, type WebhookProblemCode } from './webhook-problems';

/** What a delivery is answered with: the events accepted, or why it changes nothing. */
export type WebhookReceipt = IngestReceipt | { readonly ignored: string };

/** One delivery of a ticketing system as it reached intake. */
export interface WebhookRequest {
  readonly source: Source;
  readonly tenant: string | undefined;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: Buffer;
  readonly principal: ApiKeyPrincipal;
}

const CODE_OF: Readonly<Record<ConnectorError['code'], WebhookProblemCode>> = {
  'CONNECTOR.UNREADABLE_PAYLOAD': 'WEBHOOK.UNREADABLE_PAYLOAD',
  'CONNECTOR.UNMAPPED_VALUE': 'WEBHOOK.UNMAPPED_VALUE',
  'CONNECTOR.TENANT_MISSING': 'WEBHOOK.TENANT_MISSING',
  'CONNECTOR.INVALID_FILE': 'WEBHOOK.UNREADABLE_PAYLOAD',
  'CONNECTOR.FILE_UNREADABLE': 'WEBHOOK.UNREADABLE_PAYLOAD',
};

/**
 * Turns a delivery into ticket events through the tenant's mapping and publishes them all in one
 * publish, or none: the same door as `POST /v1/events` (validation, tenant, future instants,
 * acknowledgement by every in-sync replica). The mapping reads the latest policy version followed
 * on `sla.policy` (matrix, pause statuses, tenant zones): a version published with a new tenant
 * maps that tenant's deliveries at once, without a restart.
 */
@Injectable()
export class ReceiveWebhookService {
  constructor(
    @Inject(Connectors) private readonly connectors: Connectors,
    @Inject(PolicyFollower) private readonly policies: PolicyFollower,
    @Inject(IngestEventsService) private readonly ingestEvents: IngestEventsService,
  ) {}

  async receive(request: WebhookRequest): Promise<WebhookReceipt> {
    const delivery: RawDelivery = { body: parseJson(request.rawBody), rawBody: request.rawBody, headers: request.headers, tenant: request.tenant };
    const outcome = await this.mapped(request.source, delivery, this.latestPolicy());
    const refused = refusedTenants(request.principal, [outcome.tenantId]);
    if (refused.length > 0) throw forbiddenTenantProblem(request.principal.id, refused);
    if (outcome.kind === 'ignored') return { ignored: outcome.reason };
    return this.ingestEvents.ingest([...outcome.events], request.principal);
  }

  /**
   * The outcome under the tenant's own mapping. A mapping that reads the tenant from the payload
   * is first read with the preset's, then again with that tenant's overrides.
   */
  private async mapped(source: Source, delivery: RawDelivery, policy: SlaPolicy) {
    try {
      const first = await mapDelivery(this.connectors.mappingFor(source, delivery.tenant), delivery, policy);
      if (first.tenantId === delivery.tenant) return first;
      return await mapDelivery(this.connectors.mappingFor(source, first.tenantId), { ...delivery, tenant: first.tenantId }, policy);
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      throw webhookInvalidProblem(CODE_OF[error.code], `the ${source} mapping cannot make ticket events of this delivery; nothing was accepted`, error.issues);
    }
  }

  /**
   * Taken once per delivery, so that both readings of one delivery use one version. Until the
   * history is read (Kafka away since startup) nothing can be mapped: 503, as while Kafka is away.
   */
  private latestPolicy(): SlaPolicy {
    if (!this.policies.ready) throw unavailableProblem('the SLA policy history is not read yet; nothing was accepted');
    return latestVersion(this.policies.history).policy;
  }
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw webhookInvalidProblem('WEBHOOK.NOT_JSON', 'the body is not JSON; nothing was accepted', [{ field: '(body)', message: 'is not valid JSON' }]);
  }
}
