import { latestVersion, type PolicyHistory } from '@stageplus/sla-policy';

/** One published version, as the console shows it. */
export interface PolicyVersionView {
  readonly version: string;
  /** The local date from which it governs tickets (`YYYY-MM-DD`). */
  readonly effectiveDate: string;
  /** When it was published (ISO 8601); null for a version that always existed. */
  readonly publishedAt: string | null;
  /** The version it corrects, when it is a correction. */
  readonly replaces?: string;
}

/** `GET /v1/policy`: the version in force (the latest published) and the history, newest first. */
export interface PolicyVersionsView {
  readonly version: string;
  readonly history: readonly PolicyVersionView[];
}

export function policyVersionsOf(history: PolicyHistory): PolicyVersionsView {
  const views = history.versions.map(({ policy, publishedAt }): PolicyVersionView => ({
    version: policy.version,
    effectiveDate: policy.effectiveDate,
    publishedAt: Number.isFinite(publishedAt) ? new Date(publishedAt).toISOString() : null,
    ...(policy.replaces === undefined ? {} : { replaces: policy.replaces }),
  }));
  return { version: latestVersion(history).policy.version, history: views.reverse() };
}
