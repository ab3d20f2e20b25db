export * from './policy';
export { PolicyError, formatIssue } from './policy-error';
export type { PolicyErrorCode, PolicyIssue, PolicyRule } from './policy-error';
export { parseDuration, formatDuration } from './duration/duration';
export { parsePolicy } from './loading/parse-policy';
export { loadPolicyFile } from './loading/load-policy-file';
export { DEFAULT_POLICY_PATH, loadDefaultPolicy } from './default-policy';
export { priorityOf, resolveTargets, isPauseStatus } from './resolution/resolve-targets';
export type { TargetQuery } from './resolution/resolve-targets';
export { renderPolicyTable } from './display/render-policy-table';
export type { PolicyLanguage } from './display/policy-labels';
export {
  BUSINESS_CALENDAR_ID,
  DEFAULT_BUSINESS_DAY_MS,
  DEFAULT_PAUSE_STATUSES,
  LEVELS,
  PLANS,
  PRIORITIES,
  isLevel,
  isPlan,
  isPriority,
} from './policy-values';
export { tenantTimeZone, FALLBACK_TIME_ZONE } from './resolution/tenant-time-zone';
export {
  appendVersion,
  effectiveFrom,
  governingPolicy,
  latestVersion,
  rootOf,
  singleVersionHistory,
} from './history/policy-history';
export type { PolicyHistory, PolicyPublication, TicketOpening } from './history/policy-history';
export { historyOfPublished, policyDigest, publicationOf, withPublication } from './history/published-history';
export type { PublishedHistory, PublishedText } from './history/published-history';
