/**
 * Injection tokens and handler patterns: the names Nest wires by, in a leaf file that the
 * components and the handlers both import. The services run under tsx, which emits no decorator
 * metadata: every constructor parameter names its token with `@Inject`.
 */
export const TIMER = 'timer:components';

/** The handler pattern (`@EventPattern`) of the `tickets.prioritized` batches, mapped to the topic in `subscriptions`. */
export const TICKETS_PRIORITIZED = 'tickets-prioritized';
