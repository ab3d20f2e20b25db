/**
 * What can be wrong in a policy file. Each rule is a stable code: tools and tests match on it,
 * people read the issue's message.
 */
export type PolicyRule =
  | 'POLICY.YAML_SYNTAX'
  | 'POLICY.MISSING_KEY'
  | 'POLICY.UNKNOWN_KEY'
  | 'POLICY.INVALID_TYPE'
  | 'POLICY.INVALID_VALUE'
  | 'POLICY.INVALID_DATE'
  | 'POLICY.INVALID_DURATION'
  | 'POLICY.DURATION_NOT_POSITIVE'
  | 'POLICY.INVALID_BUSINESS_DAY'
  | 'POLICY.MATRIX_IMPACT_UNKNOWN'
  | 'POLICY.MATRIX_CELL_MISSING'
  | 'POLICY.MATRIX_CELL_EXTRA'
  | 'POLICY.MATRIX_CELL_INVALID'
  | 'POLICY.UNKNOWN_PLAN'
  | 'POLICY.UNKNOWN_PRIORITY'
  | 'POLICY.TARGET_MISSING'
  | 'POLICY.RESOLUTION_SHORTER_THAN_RESPONSE'
  | 'POLICY.UNKNOWN_CALENDAR'
  | 'POLICY.INVALID_CALENDAR'
  | 'POLICY.THRESHOLD_PERCENT_NOT_POSITIVE'
  | 'POLICY.THRESHOLD_PERCENT_DUPLICATE'
  | 'POLICY.THRESHOLD_BREACH_MISSING'
  | 'POLICY.THRESHOLD_BREACH_DUPLICATE'
  | 'POLICY.THRESHOLD_BREACH_NOT_AT_100'
  | 'POLICY.THRESHOLD_LEVEL_MISSING'
  | 'POLICY.THRESHOLD_LEVEL_ON_BREACH';

/** One broken rule, located in the policy file. */
export interface PolicyIssue {
  /** Where in the file, as keys joined by dots and list positions in brackets
   * (`targets.BASE.P3.resolution`, `thresholds[2].level`); empty for the whole file. */
  readonly path: string;
  readonly rule: PolicyRule;
  /** Human-readable: what is wrong and, where it is not obvious, why it matters. */
  readonly message: string;
  /** 1-based line of the offending (or nearest enclosing) node, when known. */
  readonly line?: number;
}

/**
 * `POLICY.INVALID`: the file breaks one or more rules (see `issues`).
 * `POLICY.FILE_UNREADABLE`: the file could not be read.
 * `POLICY.INVALID_DURATION`: `parseDuration` was given something that is not a duration.
 * `POLICY.UNKNOWN_TENANT`: a tenant missing from the registry, and no `defaultPlan`.
 * `POLICY.INVALID_LEVEL`: an impact or urgency outside 1..4.
 * `POLICY.UNKNOWN_CALENDAR`: a hand-built policy refers to a calendar it does not hold.
 * `POLICY.VERSION_EXISTS`: a different policy was already published under this version.
 * `POLICY.REPLACES_UNKNOWN`: a correction names a version that was never published.
 * `POLICY.HISTORY_EMPTY`: a policy history needs at least one version.
 */
export type PolicyErrorCode =
  | 'POLICY.INVALID'
  | 'POLICY.FILE_UNREADABLE'
  | 'POLICY.INVALID_DURATION'
  | 'POLICY.UNKNOWN_TENANT'
  | 'POLICY.INVALID_LEVEL'
  | 'POLICY.UNKNOWN_CALENDAR'
  | 'POLICY.VERSION_EXISTS'
  | 'POLICY.REPLACES_UNKNOWN'
  | 'POLICY.HISTORY_EMPTY';

/** The policy library's only error type; `code` is stable, `message` is for people. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';

  constructor(
    readonly code: PolicyErrorCode,
    message: string,
    /** Every issue found (for `POLICY.INVALID`), in file order; empty otherwise. */
    readonly issues: readonly PolicyIssue[] = [],
  ) {
    super(message);
  }

  /** The error for an invalid policy file: its message lists every issue with file and line. */
  static invalid(source: string, issues: readonly PolicyIssue[]): PolicyError {
    const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`;
    const lines = issues.map((issue) => `  - ${formatIssue(source, issue)}`);
    return new PolicyError('POLICY.INVALID', [`Invalid SLA policy ${source} (${count}):`, ...lines].join('\n'), issues);
  }
}

/** `file:line path: message [RULE]`, the way compilers point at a line. */
export function formatIssue(source: string, issue: PolicyIssue): string {
  const where = issue.line === undefined ? source : `${source}:${issue.line}`;
  const path = issue.path === '' ? '' : ` ${issue.path}`;
  return `${where}${path}: ${issue.message} [${issue.rule}]`;
}
