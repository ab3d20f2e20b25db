/** Name under which the bridge logs and dead-letters (`service` of its letters). */
export const SERVICE_NAME = 'oncall-bridge';

/**
 * Injection tokens of the ports that are no class (the adapters that are, `EventPublisher`,
 * `KafkaBatchServer`, `Redis` and `BrokerWatch`, are their own token). The service runs under
 * tsx, which emits no decorator metadata: every constructor parameter names its token with `@Inject`.
 */
export const DESTINATION_SENDERS = 'bridge:destination-senders';
export const LOGGER = 'bridge:logger';
