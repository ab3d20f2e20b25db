import { randomUUID } from 'node:crypto';

/** A name no other test (or earlier run) uses: topics, groups, queues, key prefixes. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
