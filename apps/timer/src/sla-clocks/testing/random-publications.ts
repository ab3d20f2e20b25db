import fc from 'fast-check';
import { appendVersion, singleVersionHistory, type PolicyHistory, type SlaPolicy } from '@stageplus/sla-policy';
import type { ArrivalBatch } from './random-arrivals';

/** What a version published mid-log changes, from the latest version published before it. */
export type PolicyChange =
  /** A plain new version, targets scaled: it governs the tickets whose opening is learnt after it. */
  | { readonly kind: 'plain'; readonly factor: number }
  /** A correction (`replaces:` the latest version), targets scaled: thresholds move earlier (< 1) or later (> 1). */
  | { readonly kind: 'correction'; readonly factor: number }
  /** A correction closing the business calendars on `date` (and reopening a day an earlier one closed). */
  | { readonly kind: 'holiday'; readonly date: string };

export interface PublicationSpec {
  /** Published at `start + offset`, or at the instant of batch `onBatch` (modulo their count) when set. */
  readonly offset: number;
  readonly onBatch: number | null;
  readonly change: PolicyChange;
}

export interface PublicationShape {
  readonly unit: number;
  /** Dates a correction may close (business calendars); none for a policy that runs 24x7. */
  readonly holidays: readonly string[];
}

/**
 * Random publications of policy versions in the middle of random arrivals: none in about a third
 * of the runs, else one or two, each a plain new version or a correction of the latest one that
 * moves every target earlier or later, or adds a holiday (moving thresholds later, and earlier
 * again when a second one replaces it). Some fall on the instant of a batch.
 */
export function randomPublicationsArb(shape: PublicationShape): fc.Arbitrary<PublicationSpec[]> {
  const factorArb = fc.constantFrom(0.5, 0.75, 1.5, 2, 3);
  const changes: fc.Arbitrary<PolicyChange>[] = [
    factorArb.map((factor) => ({ kind: 'plain' as const, factor })),
    factorArb.map((factor) => ({ kind: 'correction' as const, factor })),
    factorArb.map((factor) => ({ kind: 'correction' as const, factor })),
    ...(shape.holidays.length === 0 ? [] : [fc.constantFrom(...shape.holidays).map((date) => ({ kind: 'holiday' as const, date }))]),
  ];
  const specArb = fc.record({
    offset: fc.integer({ min: 0, max: 30 * shape.unit }),
    onBatch: fc.option(fc.nat(), { freq: 3 }),
    change: fc.oneof(...changes),
  });
  const none: fc.Arbitrary<PublicationSpec[]> = fc.constant([]);
  return fc.oneof({ weight: 1, arbitrary: none }, { weight: 2, arbitrary: fc.array(specArb, { minLength: 1, maxLength: 2 }) });
}

/** A publication as the keeper meets it: the instant, and the history from then on. */
export interface Publication {
  readonly at: number;
  readonly history: PolicyHistory;
}

/**
 * The history the specs publish over `base` (first version, always there), each version at its
 * instant (distinct instants, in order). `closeOn(policy, date)` gives the policy's calendars
 * closed on `date`, for holiday corrections.
 */
export function publicationsOf(
  base: SlaPolicy,
  specs: readonly PublicationSpec[],
  batches: readonly ArrivalBatch[],
  start: number,
  closeOn: (policy: SlaPolicy, date: string) => SlaPolicy,
): Publication[] {
  const instants = specs.map((s) => (s.onBatch === null || batches.length === 0 ? start + s.offset : batches[s.onBatch % batches.length].now));
  const ordered = specs.map((s, i) => ({ ...s, at: instants[i] })).sort((a, b) => a.at - b.at);
  let history = singleVersionHistory(base);
  const out: Publication[] = [];
  ordered.forEach(({ at, change }, i) => {
    if (out.some((p) => p.at === at)) return; // one publication per instant
    const latest = history.versions[history.versions.length - 1].policy;
    const policy = changed(latest, change, `${base.version}+${i}`, closeOn);
    history = appendVersion(history, { policy, publishedAt: at });
    out.push({ at, history });
  });
  return out;
}

function changed(latest: SlaPolicy, change: PolicyChange, version: string, closeOn: (policy: SlaPolicy, date: string) => SlaPolicy): SlaPolicy {
  const { replaces: _replaced, ...rest } = latest;
  if (change.kind === 'plain') return { ...rest, ...scaled(latest, change.factor), version };
  const edited = change.kind === 'holiday' ? closeOn(latest, change.date) : { ...latest, ...scaled(latest, change.factor) };
  return { ...edited, version, replaces: latest.version };
}

function scaled(policy: SlaPolicy, factor: number): Pick<SlaPolicy, 'targets'> {
  const scale = <T extends { durationMs: number; text: string }>(t: T): T => ({ ...t, durationMs: Math.round(t.durationMs * factor), text: `${t.text}x${factor}` });
  const plans = Object.entries(policy.targets).map(([plan, byPriority]) => [
    plan,
    Object.fromEntries(Object.entries(byPriority).map(([priority, t]) => [priority, { response: scale(t.response), resolution: scale(t.resolution) }])),
  ]);
  return { targets: Object.fromEntries(plans) as SlaPolicy['targets'] };
}
