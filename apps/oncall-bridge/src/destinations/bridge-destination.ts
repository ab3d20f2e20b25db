import type { SlaEventType } from '@stageplus/contracts';

/**
 * The shapes on-call tools take: Prometheus Alertmanager's webhook (what Alertmanager sends its
 * receivers: Grafana OnCall, chat relays), Alertmanager's own API v2 (`POST /api/v2/alerts`, what
 * a source of alerts such as Prometheus posts), and PagerDuty's Events API v2.
 */
export type WebhookFormat = 'alertmanager' | 'alertmanager-api' | 'pagerduty';

/** Which SLA events go to a destination; a clear follows the alerts it resolves. */
export interface AlertRoute {
  /** Establishments forwarded; null forwards all. */
  readonly tenants: readonly string[] | null;
  /** Escalations below this level (1-3) stay quiet; breaches always go (if `types` lets them). */
  readonly minLevel: number;
  /** Kinds of thresholds forwarded; undefined forwards both. */
  readonly types?: readonly SlaEventType[];
}

interface DestinationBase {
  /** Letters, digits and `-`, unique: names the destination's Redis keys, logs and metrics. */
  readonly name: string;
  readonly route: AlertRoute;
}

/** One place the bridge delivers to, with its own delivery ledger, retries and readiness. */
export type BridgeDestination =
  | (DestinationBase & { readonly format: 'alertmanager'; readonly url: string; readonly receiver: string })
  /** Several URLs: the Alertmanagers of one HA cluster, each posted every alert. */
  | (DestinationBase & { readonly format: 'alertmanager-api'; readonly urls: readonly string[] })
  | (DestinationBase & { readonly format: 'pagerduty'; readonly url: string; readonly routingKey: string });

/** The destination of `BRIDGE_FORMAT` + `BRIDGE_WEBHOOK_URL`: it keeps the Redis keys the bridge always used. */
export const DEFAULT_DESTINATION = 'default';

/** The URLs a destination posts to, for logs. */
export function destinationUrls(destination: BridgeDestination): readonly string[] {
  return destination.format === 'alertmanager-api' ? destination.urls : [destination.url];
}
