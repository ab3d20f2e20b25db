import { createHash } from 'node:crypto';
import { IDENTIFIER_PATTERN } from '@stageplus/contracts';

/** Longest delivery id used as is; longer ones are digested so that the event id stays within 128. */
const READABLE_ID_CHARS = 80;

/**
 * Where a delivery's event ids come from: the source's delivery id (the same on its retries:
 * Jira's `X-Atlassian-Webhook-Identifier`, Zammad's `X-Zammad-Delivery`, Zendesk's event id, RT's
 * transaction id), else a digest of the raw body, which a retry repeats byte for byte.
 */
export function deliveryKey(deliveryId: string | number | boolean | undefined, rawBody: string | Uint8Array): string {
  if (deliveryId !== undefined && deliveryId !== '') {
    const text = String(deliveryId);
    return text.length <= READABLE_ID_CHARS && IDENTIFIER_PATTERN.test(text) ? text : `sha256-${digest(text)}`;
  }
  return `body-${digest(rawBody)}`;
}

/**
 * The event id of one event of a delivery: deterministic, so that a retried delivery makes the
 * same ids and every consumer drops the repeat (the timer keeps the first of an id per ticket).
 * `part` tells apart the events of one delivery (`status`, `priority`, `reopened`).
 */
export function eventIdOf(source: string, key: string, part: string): string {
  return `${source}:${key}:${part}`;
}

function digest(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('base64url').slice(0, 27);
}
