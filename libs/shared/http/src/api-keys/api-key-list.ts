import { createHash } from 'node:crypto';
import { z } from 'zod';

/** In `tenants`, all tenants. Only the development key gets it; `API_KEYS` must name tenants. */
export const ALL_TENANTS = '*';

/** What a key may do: `write` posts events (intake), `read` reads clocks and boards (timer, console). */
export const API_SCOPES = ['read', 'write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** One accepted hash of a key. A key has several while it is being rotated. */
export interface ApiKeyHash {
  /** Lowercase hex SHA-256 of the key's UTF-8 bytes (`hashApiKey`). */
  readonly sha256: string;
  /** When this hash stops being accepted (ms since the epoch), or null: never. */
  readonly expiresAt: number | null;
}

/** An API key as configured: never the key itself, only its SHA-256 hashes. */
export interface ApiKey {
  /** Names the caller in logs and errors (`ticketing-chus`); not a secret. Shares one rate limit. */
  readonly id: string;
  /** The hashes accepted for this key: the new and the old one during a rotation. */
  readonly hashes: readonly ApiKeyHash[];
  /** The tenants the key may act for, or `[ALL_TENANTS]`. */
  readonly tenants: readonly string[];
  /** What the key may do. */
  readonly scopes: readonly ApiScope[];
}

/** The SHA-256 (lowercase hex) under which a key is configured. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

const sha256 = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be the hex SHA-256 of the key (64 hex digits), never the key itself')
  .transform((hex) => hex.toLowerCase());

const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO instant with its offset, e.g. 2027-01-31T00:00:00Z' })
  .transform((iso, ctx) => {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'is not a real instant' });
    return ms;
  });

const hashEntry = z.union([sha256, z.strictObject({ sha256, expiresAt: instant.optional() })], {
  error: 'must be a hex SHA-256 or {"sha256", "expiresAt"}',
});

const apiKeySchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 characters among letters, digits and ._-'),
    sha256: sha256.optional(),
    sha256s: z.array(hashEntry).min(1, 'must hold at least one hash').optional(),
    tenants: z
      .array(z.string().regex(/^[A-Za-z0-9._:@/-]{1,128}$/, 'must be tenant ids ("*" is for the development key only)'))
      .min(1, 'must name at least one tenant'),
    scopes: z.array(z.enum(API_SCOPES, 'must be "read" or "write"')).min(1, 'must name at least one scope').optional(),
    expiresAt: instant.optional(),
  })
  .refine((key) => key.sha256 !== undefined || key.sha256s !== undefined, {
    path: ['sha256'],
    message: 'is required: "sha256", or "sha256s" while rotating',
  })
  .transform((key): ApiKey => {
    const listed = (key.sha256s ?? []).map((h) => (typeof h === 'string' ? { sha256: h } : h));
    const hashes = [...(key.sha256 === undefined ? [] : [{ sha256: key.sha256 }]), ...listed].map((h: { sha256: string; expiresAt?: number }) => ({
      sha256: h.sha256,
      expiresAt: earliest(h.expiresAt, key.expiresAt),
    }));
    // Entries written before scopes existed keep doing what they did: both.
    const scopes = API_SCOPES.filter((scope) => (key.scopes ?? API_SCOPES).includes(scope));
    return { id: key.id, hashes, tenants: key.tenants, scopes };
  });

function earliest(a: number | undefined, b: number | undefined): number | null {
  if (a === undefined) return b ?? null;
  return b === undefined ? a : Math.min(a, b);
}

/**
 * The `API_KEYS` configuration variable: a JSON array of
 * `{"id": "ticketing-chus", "sha256": "<hex>", "tenants": ["chu-sainte-justine"]}`, optionally with
 * `"sha256s": ["<new hex>", {"sha256": "<old hex>", "expiresAt": "<ISO>"}]` (rotation),
 * `"scopes": ["write"]` (default both) and `"expiresAt": "<ISO>"` (the whole key).
 * Use it in a `readConfig` shape so that a bad value names `API_KEYS[i].field`.
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
        const ids = new Set<string>();
        const hashes = new Set<string>();
        keys.forEach((key, index) => {
          // zod runs this check even when an entry failed: such an entry has no hashes to compare.
          if (!Array.isArray(key?.hashes)) return;
          if (ids.has(key.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'repeats the id of another key' });
          ids.add(key.id);
          for (const hash of key.hashes) {
            if (hashes.has(hash.sha256)) ctx.addIssue({ code: 'custom', path: [index, 'sha256'], message: 'repeats a hash of another key' });
            hashes.add(hash.sha256);
          }
        });
      }),
  );

/** A development key: allowed for every tenant and every scope. Only for `npm start` and local tests. */
export function developmentApiKey(key: string, id = 'dev'): ApiKey {
  return { id, hashes: [{ sha256: hashApiKey(key), expiresAt: null }], tenants: [ALL_TENANTS], scopes: [...API_SCOPES] };
}
