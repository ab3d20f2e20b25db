/** Name under which intake logs, produces (the `producer` header) and labels its metrics. */
export const SERVICE_NAME = 'intake';

/** The `RetryingConnection` of the producer (readiness's `producer` check); the policy has one too. */
export const PRODUCER_CONNECTION = 'intake:producer-connection';
