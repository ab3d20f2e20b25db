import { z } from 'zod';

/**
 * One published policy version on `sla.policy` (key: the version). The text is the policy file as
 * published, so every reader validates it the same way; `digest` (SHA-256 of the text, hex) makes
 * publishing the same text twice one publication.
 */
export interface PolicyVersionRecord {
  readonly version: string;
  readonly text: string;
  readonly digest: string;
  /** When it was published (UTC ISO): a ticket learnt before never takes it, except through a correction. */
  readonly publishedAt: string;
  /** The version this one corrects, if it is a correction. */
  readonly replaces?: string;
}

/**
 * What one running service instance holds, on `sla.policy.status` (key `service:instance`):
 * written when it switches to a version and every few seconds as a heartbeat.
 */
export interface PolicyStatusRecord {
  readonly service: string;
  readonly instance: string;
  /** The latest version of the history it decides with. */
  readonly version: string;
  /** When it wrote this record (UTC ISO). */
  readonly at: string;
}

/** How often a running instance writes its status (ms). */
export const POLICY_HEARTBEAT_MS = 5_000;

/** An instance whose last status is younger than this (ms, three heartbeats) is taken as running. */
export const POLICY_INSTANCE_ALIVE_MS = 3 * POLICY_HEARTBEAT_MS;

const isoInstant = z.iso.datetime({ offset: true });

const versionRecordSchema = z.object({
  version: z.string().min(1),
  text: z.string().min(1),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  publishedAt: isoInstant,
  replaces: z.string().min(1).optional(),
});

const statusRecordSchema = z.object({ service: z.string().min(1), instance: z.string().min(1), version: z.string().min(1), at: isoInstant });

/** The key of an instance's status record. */
export const policyStatusKey = (service: string, instance: string): string => `${service}:${instance}`;

/** A `sla.policy` record's value, or null when it is not one (a stray record is skipped, never fatal). */
export function parsePolicyVersionRecord(value: Buffer | string | null): PolicyVersionRecord | null {
  return parseJson(value, versionRecordSchema);
}

/** A `sla.policy.status` record's value, or null when it is not one (a tombstone, a stray record). */
export function parsePolicyStatusRecord(value: Buffer | string | null): PolicyStatusRecord | null {
  return parseJson(value, statusRecordSchema);
}

function parseJson<T>(value: Buffer | string | null, schema: z.ZodType<T>): T | null {
  if (value === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(value.toString()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
