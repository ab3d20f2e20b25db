/** Name under which the service produces (the `producer` header) and dead-letters. */
export const SERVICE_NAME = 'priority';

/**
 * Injection tokens. The service runs under tsx, which emits no decorator metadata: every
 * constructor parameter names its token with `@Inject`.
 */
export const PRIORITY_CONFIG = 'priority:config';
/** The `PolicyFollower`: the policy history, followed on `sla.policy`. */
export const SLA_POLICIES = 'priority:sla-policies';
export const EVENT_PUBLISHER = 'priority:event-publisher';
export const EVENT_SERVER = 'priority:event-server';
export const BROKER_WATCH = 'priority:broker-watch';
export const REDIS = 'priority:redis';
