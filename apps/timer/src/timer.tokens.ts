/**
 * Injection tokens. The services run under tsx, which emits no decorator metadata: every
 * constructor parameter names its token with `@Inject`.
 */
export const TIMER = 'timer:components';
