import { createHash } from 'node:crypto';
import { z } from 'zod';

/** In `tenants`, all tenants. Only the development key gets it; `API_KEYS` must name tenants. */
export const ALL_TENANTS = '*';

/** An API key as configured: never the key itself, only its SHA-256. */
export interface ApiKey {
  /** Names the caller in logs and errors (`ticketing-chus`); not a secret. */
  readonly id: string;
  /** Lowercase hex SHA-256 of the key's UTF-8 bytes (`hashApiKey`). */
  readonly sha256: string;
  /** The tenants the key may act for, or `[ALL_TENANTS]`. */
  readonly tenants: readonly string[];
}

/** The SHA-256 (lowercase hex) under which a key is configured. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

const apiKeySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 characters among letters, digits and ._-'),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be the hex SHA-256 of the key (64 hex digits), never the key itself')
    .transform((hex) => hex.toLowerCase()),
  tenants: z
    .array(z.string().regex(/^[A-Za-z0-9._:@/-]{1,128}$/, 'must be tenant ids ("*" is for the development key only)'))
    .min(1, 'must name at least one tenant'),
});

/**
 * The `API_KEYS` configuration variable: a JSON array of
 * `{"id": "ticketing-chus", "sha256": "<hex sha256 of the key>", "tenants": ["chu-sainte-justine"]}`.
 * Use it in a `readConfig` shape so that a bad value names `API_KEYS` in the `ConfigError`.
 * Messages never quote the value: it is near secrets.
 */
export const apiKeyList = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of {"id", "sha256", "tenants"}' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(apiKeySchema)
      .min(1, 'must hold at least one key')
      .superRefine((keys, ctx) => {
        for (const field of ['id', 'sha256'] as const) {
          const seen = new Set<string>();
          keys.forEach((key, index) => {
            if (seen.has(key[field])) ctx.addIssue({ code: 'custom', path: [index, field], message: `repeats the ${field} of another key` });
            seen.add(key[field]);
          });
        }
      }),
  );

/** A development key: allowed for every tenant. Only for `npm start` and local tests. */
export function developmentApiKey(key: string, id = 'dev'): ApiKey {
  return { id, sha256: hashApiKey(key), tenants: [ALL_TENANTS] };
}
