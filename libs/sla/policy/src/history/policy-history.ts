import { DateTime } from 'luxon';
import { PolicyError } from '../policy-error';
import type { SlaPolicy } from '../policy';
import { tenantTimeZone } from '../resolution/tenant-time-zone';

/** One published version of the policy. */
export interface PolicyPublication {
  readonly policy: SlaPolicy;
  /**
   * When it was published (epoch ms): a ticket whose opening was learnt before that instant never
   * takes it, except through a correction. `-Infinity` for a version that always existed.
   */
  readonly publishedAt: number;
  /** A fingerprint of the published text: publishing the same text twice is one publication. */
  readonly digest?: string;
}

/** Every published version, in publication order (never empty). */
export interface PolicyHistory {
  readonly versions: readonly PolicyPublication[];
}

/** What decides which version governs a ticket. */
export interface TicketOpening {
  readonly tenantId: string;
  /** Event time of its `ticket.opened` (ms). */
  readonly openedAt: number;
  /** Processing time at which that opening was learnt (ms). */
  readonly learntAt: number;
}

/** A history of one version, valid forever: what a caller with a single policy means. */
export function singleVersionHistory(policy: SlaPolicy): PolicyHistory {
  return { versions: [{ policy, publishedAt: -Infinity }] };
}

/**
 * Adds a publication at the end. Publishing again the text already published under a version
 * changes nothing (the history is returned as is); another text under a published version, or a
 * correction of a version never published, is refused.
 *
 * @throws PolicyError `POLICY.VERSION_EXISTS`, `POLICY.REPLACES_UNKNOWN`
 */
export function appendVersion(history: PolicyHistory, publication: PolicyPublication): PolicyHistory {
  const { version, replaces } = publication.policy;
  const existing = history.versions.find((v) => v.policy.version === version);
  if (existing !== undefined) {
    if (existing.digest !== undefined && existing.digest === publication.digest) return history;
    throw new PolicyError('POLICY.VERSION_EXISTS', `version "${version}" is already published with another text: publish under a new version`);
  }
  if (replaces !== undefined && !history.versions.some((v) => v.policy.version === replaces)) {
    throw new PolicyError('POLICY.REPLACES_UNKNOWN', `version "${version}" replaces "${replaces}", which was never published`);
  }
  return { versions: [...history.versions, publication] };
}

/** The newest version published at or before `t`: what a service reports as its latest. */
export function latestVersion(history: PolicyHistory, t = Infinity): PolicyPublication {
  const known = knownAt(history, t);
  return known[known.length - 1];
}

/** Per version and tenant: `governingPolicy` runs at every decision, a zone lookup each time would dominate it. */
const effectiveInstants = new WeakMap<SlaPolicy, Map<string, number>>();

/** Local midnight of the version's `effectiveDate` where the tenant's people read time (ms). */
export function effectiveFrom(policy: SlaPolicy, tenantId: string): number {
  let byTenant = effectiveInstants.get(policy);
  if (byTenant === undefined) effectiveInstants.set(policy, (byTenant = new Map()));
  let at = byTenant.get(tenantId);
  if (at === undefined) byTenant.set(tenantId, (at = DateTime.fromISO(policy.effectiveDate, { zone: tenantTimeZone(policy, tenantId) }).toMillis()));
  return at;
}

/**
 * The one rule deciding which version governs a ticket, as known at processing time `t`: the
 * version in force at its opening, that is the latest published whose `effectiveDate` is at or
 * before `openedAt` and that was published at or before the opening was learnt; a correction
 * (`replaces`) published by `t` stands in for the version it replaces, retroactively. Versions
 * that do not know the tenant (no registry entry, no `defaultPlan`) are passed over, so a tenant
 * added by a new version may post at once; when no version is in force yet at the opening (a
 * ticket opened before every effective date), the earliest in force is used.
 */
export function governingPolicy(history: PolicyHistory, ticket: TicketOpening, t: number): SlaPolicy {
  const known = knownAt(history, t);
  const lineages = known.filter((v) => v.policy.replaces === undefined);
  const current = (root: PolicyPublication) => standIn(known, root.policy.version);
  const learnt = lineages.filter((v) => v.publishedAt <= ticket.learntAt);
  const candidates = learnt.length > 0 ? learnt : lineages.slice(0, 1);
  const accepting = candidates.filter((v) => acceptsTenant(current(v), ticket.tenantId));
  const pool = (accepting.length > 0 ? accepting : candidates).map(current);
  const inForce = pool.filter((p) => effectiveFrom(p, ticket.tenantId) <= ticket.openedAt);
  if (inForce.length > 0) return inForce[inForce.length - 1];
  return pool.reduce((a, b) => (effectiveFrom(b, ticket.tenantId) < effectiveFrom(a, ticket.tenantId) ? b : a));
}

/** The latest known version of a lineage: its root, or the latest correction of it. */
function standIn(known: readonly PolicyPublication[], rootVersion: string): SlaPolicy {
  let found = known.find((v) => v.policy.version === rootVersion)?.policy;
  for (const v of known) if (found !== undefined && rootOf(known, v.policy) === rootVersion) found = v.policy;
  if (found === undefined) throw new PolicyError('POLICY.REPLACES_UNKNOWN', `version "${rootVersion}" is not in the history`);
  return found;
}

/** The version a correction ultimately stands in for (itself when it is not a correction). */
export function rootOf(known: readonly PolicyPublication[], policy: SlaPolicy): string {
  let current = policy;
  for (let hops = 0; current.replaces !== undefined && hops < known.length; hops++) {
    const next = known.find((v) => v.policy.version === current.replaces)?.policy;
    if (next === undefined) return current.replaces;
    current = next;
  }
  return current.version;
}

function acceptsTenant(policy: SlaPolicy, tenantId: string): boolean {
  return policy.tenants.has(tenantId) || policy.defaultPlan !== undefined;
}

function knownAt(history: PolicyHistory, t: number): readonly PolicyPublication[] {
  if (history.versions.length === 0) throw new PolicyError('POLICY.HISTORY_EMPTY', 'a policy history needs at least one version');
  const known = history.versions.filter((v) => v.publishedAt <= t);
  return known.length > 0 ? known : history.versions.slice(0, 1);
}
