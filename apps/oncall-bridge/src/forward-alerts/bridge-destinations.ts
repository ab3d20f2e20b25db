import type { RedisClient } from '@stageplus/redis';
import type { BridgeConfig } from '../bridge.config';
import { DEFAULT_DESTINATION, type BridgeDestination } from '../destinations/bridge-destination';
import { AlertForwarder, type AlertPoster, type DeliveryObserver } from './alert-forwarder';
import { RedisActiveAlerts } from './alertmanager-api/active-alerts';
import { AlertResender, type ResendDestination, type ResendObserver } from './alertmanager-api/alert-resender';
import { AlertmanagerCluster } from './alertmanager-api/alertmanager-cluster';
import { DeliveryLedger } from './delivery-ledger';
import { DestinationSender } from './destination-sender';
import { WebhookClient } from './webhook-client';

export interface BridgeObservers {
  forDestination(name: string, format: string): DeliveryObserver;
  readonly resends: ResendObserver;
}

/**
 * The Redis keys of a destination. The environment's single destination keeps the bridge's
 * original keys (`<prefix>alert:<alertKey>`), so upgrading does not forget what was delivered; a
 * bridge file's destinations each get their own (`<prefix>dest:<name>:…`), as each is delivered
 * on its own. Naming a file's destination `default` adopts the environment's keys.
 */
export const destinationPrefix = (redisPrefix: string, name: string): string => (name === DEFAULT_DESTINATION ? redisPrefix : `${redisPrefix}dest:${name}:`);

/** Every destination's sender (ledger, poster, forwarder), and the re-sender of the `alertmanager-api` ones. */
export function bridgeDestinations(config: BridgeConfig, redis: RedisClient, observers: BridgeObservers): { senders: DestinationSender[]; resender: AlertResender } {
  const senders: DestinationSender[] = [];
  const resends: ResendDestination[] = [];
  for (const destination of config.destinations) {
    const prefix = destinationPrefix(config.redisPrefix, destination.name);
    const ledger = new DeliveryLedger(redis, { keyPrefix: prefix, ttlMs: config.dedupTtlMs, leaseMs: config.timeoutMs + 5_000 });
    const { poster, peers } = posterOf(destination, config);
    const forwarder = new AlertForwarder(poster, ledger, config.retry, observers.forDestination(destination.name, destination.format));
    const active = destination.format === 'alertmanager-api' ? new RedisActiveAlerts(redis, prefix) : null;
    senders.push(new DestinationSender(destination, forwarder, { sla: config.externalUrl, console: config.consoleUrl }, active));
    if (active !== null) resends.push({ name: destination.name, store: active, ledger, peers });
  }
  return { senders, resender: new AlertResender(resends, config.resendIntervalMs, observers.resends) };
}

function posterOf(destination: BridgeDestination, config: BridgeConfig): { poster: AlertPoster; peers: WebhookClient[] } {
  if (destination.format !== 'alertmanager-api') return { poster: new WebhookClient(destination.url, config.timeoutMs), peers: [] };
  const peers = destination.urls.map((url) => new WebhookClient(url, config.timeoutMs));
  return { poster: new AlertmanagerCluster(peers, config.resendIntervalMs), peers };
}
