/** Name under which the bridge logs and dead-letters (`service` of its letters). */
export const SERVICE_NAME = 'oncall-bridge';

/**
 * Injection tokens. The service runs under tsx, which emits no decorator metadata: every
 * constructor parameter names its token with `@Inject`.
 */
export const BRIDGE_CONFIG = 'bridge:config';
export const KAFKA = 'bridge:kafka';
export const EVENT_PUBLISHER = 'bridge:event-publisher';
export const EVENT_SERVER = 'bridge:event-server';
export const REDIS = 'bridge:redis';
export const DESTINATION_SENDERS = 'bridge:destination-senders';
export const LOGGER = 'bridge:logger';
