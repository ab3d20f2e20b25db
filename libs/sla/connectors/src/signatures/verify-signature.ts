import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureScheme } from '../connector-mapping';

/** Why a signature was refused, as a stable reason; `valid` when it holds. */
export type SignatureCheck = 'valid' | 'missing' | 'timestamp-missing' | 'mismatch';

/**
 * Checks a delivery's signature on its raw body, before anything parses it, with the tenant's
 * secret: an HMAC of the body (and of the timestamp header, for Zendesk and GLPI), compared in
 * constant time.
 */
export function checkSignature(
  scheme: SignatureScheme,
  secret: string,
  rawBody: Uint8Array,
  headers: Readonly<Record<string, string | undefined>>,
): SignatureCheck {
  const given = headers[scheme.header];
  if (given === undefined || given === '') return 'missing';
  const timestamp = scheme.timestampHeader === undefined ? '' : (headers[scheme.timestampHeader] ?? '');
  if (scheme.message !== 'body' && timestamp === '') return 'timestamp-missing';
  const expected = (scheme.prefix ?? '') + signatureOf(scheme, secret, rawBody, timestamp);
  const [a, b] = [Buffer.from(given.trim()), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b) ? 'valid' : 'mismatch';
}

/** The signature a sender computes; also what tests and the docs' examples sign with. */
export function signatureOf(scheme: SignatureScheme, secret: string, rawBody: Uint8Array | string, timestamp = ''): string {
  const hmac = createHmac(scheme.algorithm, secret);
  if (scheme.message === 'timestamp+body') hmac.update(timestamp);
  hmac.update(rawBody);
  if (scheme.message === 'body+timestamp') hmac.update(timestamp);
  return hmac.digest(scheme.encoding);
}
