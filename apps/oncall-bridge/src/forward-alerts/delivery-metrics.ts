import type { ServiceMetrics } from '@stageplus/metrics';
import type { Logger } from 'pino';
import { Counter, Histogram } from 'prom-client';
import type { AlertDelivery, DeliveryObserver } from './alert-forwarder';
import type { ResendObserver } from './alertmanager-api/alert-resender';

/**
 * The bridge's own series, in the service's registry (`GET /metrics`), and its delivery logs:
 * `sla_bridge_deliveries_total{format, destination, outcome}` (`delivered`, `duplicate`,
 * `superseded`, `rejected`), `sla_bridge_retries_total{format, destination}` (failed attempts,
 * each retried), `sla_bridge_delivery_seconds{format, destination}` (from the first attempt to
 * the receiver's 2xx, retries included) and `sla_bridge_resent_alerts_total{destination, outcome}`
 * (active alerts posted again to Alertmanager, `accepted` or `failed`). Created once per process:
 * prom-client refuses a series registered twice.
 */
export function deliveryObservers(metrics: ServiceMetrics, logger: Logger) {
  const registers = [metrics.registry];
  const labelNames = ['format', 'destination'];
  const outcomes = new Counter({ name: 'sla_bridge_deliveries_total', help: 'SLA events to the on-call destinations, by outcome', labelNames: [...labelNames, 'outcome'], registers });
  const retries = new Counter({ name: 'sla_bridge_retries_total', help: 'Failed webhook attempts (network, 5xx, 408, 429), each retried', labelNames, registers });
  const seconds = new Histogram({
    name: 'sla_bridge_delivery_seconds',
    help: 'From the first attempt to the webhook acknowledging, retries included (s)',
    labelNames,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600],
    registers,
  });
  const resent = new Counter({ name: 'sla_bridge_resent_alerts_total', help: 'Active alerts posted again to Alertmanager, by outcome', labelNames: ['destination', 'outcome'], registers });
  return {
    forDestination(destination: string, format: string): DeliveryObserver {
      const labels = { format, destination };
      const about = (d: AlertDelivery) => ({ destination, alertKey: d.alertKey, eventId: d.eventId });
      return {
        delivered(d, attempts, elapsedMs) {
          outcomes.inc({ ...labels, outcome: 'delivered' });
          seconds.observe(labels, elapsedMs / 1000);
          logger.info({ ...about(d), attempts, elapsedMs }, 'delivered to the on-call destination');
        },
        skipped(d, why) {
          outcomes.inc({ ...labels, outcome: why });
          logger.info({ ...about(d), why }, why === 'duplicate' ? 'already delivered: skipped' : 'a later event of this alert was delivered: skipped');
        },
        retrying(d, attempt, reason, delayMs) {
          retries.inc(labels);
          logger.warn({ ...about(d), attempt, reason, delayMs }, 'the on-call destination did not take it: retrying');
        },
        rejected(d, reason) {
          outcomes.inc({ ...labels, outcome: 'rejected' });
          logger.error({ ...about(d), reason }, 'the on-call destination refused it: dead-lettered, not retried');
        },
      };
    },
    resends: {
      resent(destination, url, alerts, failure) {
        resent.inc({ destination, outcome: failure === null ? 'accepted' : 'failed' }, alerts);
        if (failure === null) logger.debug({ destination, url, alerts }, 'active alerts posted again');
        else logger.warn({ destination, url, alerts, reason: failure }, 'active alerts not posted again: the next round retries');
      },
    } satisfies ResendObserver,
  };
}
