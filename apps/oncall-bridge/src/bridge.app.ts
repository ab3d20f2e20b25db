import { createServiceApp, type ServiceApp, type ServiceDefinition } from '@stageplus/http';
import { buildBridge, prepareBridge, stopBridge, type BridgeComponents } from './bridge.components';
import type { BridgeConfig } from './bridge.config';
import { BridgeModule } from './bridge.module';
import { SERVICE_NAME } from './bridge.tokens';

/**
 * The on-call bridge on the service skeleton: consumes `sla.escalations` and `sla.breaches` and
 * POSTs each alert to the on-call destinations (Alertmanager or PagerDuty format), committing a
 * partition's offsets only once its events are delivered.
 */
export const bridgeService: ServiceDefinition<BridgeConfig, BridgeComponents> = {
  name: SERVICE_NAME,
  build: buildBridge,
  module: (components) => BridgeModule.register(components),
  prepare: prepareBridge,
  stop: stopBridge,
  beforeStart: (components) => {
    components.logger.info(components.forwarding);
    // Re-sending before consuming: joining the group can wait out a crashed member's session, and Alertmanager's resolve_timeout runs meanwhile.
    components.resender.start();
  },
};

/** The bridge prepared (Redis, producer, dead-letter topics), neither consuming nor listening until `start()`. */
export const createBridgeApp = (config: BridgeConfig): Promise<ServiceApp<BridgeComponents>> => createServiceApp(bridgeService, config);
