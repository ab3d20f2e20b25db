/** Name under which intake logs, produces (the `producer` header) and labels its metrics. */
export const SERVICE_NAME = 'intake';
