import type { ServiceMetrics } from '@stageplus/metrics';
import type { Logger } from 'pino';
import { Counter, Histogram } from 'prom-client';
import type { AlertDelivery, DeliveryObserver } from './alert-forwarder';

/**
 * The bridge's own series, in the service's registry (`GET /metrics`), and its delivery logs:
 * `sla_bridge_deliveries_total{format, outcome}` (`delivered`, `duplicate`, `superseded`,
 * `rejected`), `sla_bridge_retries_total{format}` (failed attempts, each retried) and
 * `sla_bridge_delivery_seconds{format}` (from the first attempt to the receiver's 2xx, retries included).
 */
export function deliveryObserver(metrics: ServiceMetrics, format: string, logger: Logger): DeliveryObserver {
  const registers = [metrics.registry];
  const outcomes = new Counter({ name: 'sla_bridge_deliveries_total', help: 'SLA events to the on-call webhook, by outcome', labelNames: ['format', 'outcome'], registers });
  const retries = new Counter({ name: 'sla_bridge_retries_total', help: 'Failed webhook attempts (network, 5xx, 408, 429), each retried', labelNames: ['format'], registers });
  const seconds = new Histogram({
    name: 'sla_bridge_delivery_seconds',
    help: 'From the first attempt to the webhook acknowledging, retries included (s)',
    labelNames: ['format'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600],
    registers,
  });
  const about = (d: AlertDelivery) => ({ alertKey: d.alertKey, eventId: d.eventId });
  return {
    delivered(d, attempts, elapsedMs) {
      outcomes.inc({ format, outcome: 'delivered' });
      seconds.observe({ format }, elapsedMs / 1000);
      logger.info({ ...about(d), attempts, elapsedMs }, 'delivered to the on-call webhook');
    },
    skipped(d, why) {
      outcomes.inc({ format, outcome: why });
      logger.info({ ...about(d), why }, why === 'duplicate' ? 'already delivered: skipped' : 'a later event of this alert was delivered: skipped');
    },
    retrying(d, attempt, reason, delayMs) {
      retries.inc({ format });
      logger.warn({ ...about(d), attempt, reason, delayMs }, 'the on-call webhook did not take it: retrying');
    },
    rejected(d, reason) {
      outcomes.inc({ format, outcome: 'rejected' });
      logger.error({ ...about(d), reason }, 'the on-call webhook refused it: dead-lettered, not retried');
    },
  };
}
