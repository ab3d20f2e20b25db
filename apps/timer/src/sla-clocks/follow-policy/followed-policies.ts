import type { PolicyHistory } from '@stageplus/sla-policy';

/** The policy history as the read API takes it: once per request, one immutable object. */
export interface PolicyHistorySource {
  readonly history: PolicyHistory;
}

/** The history followed on `sla.policy` (`PolicyFollower`), and what readiness and logs say of it. */
export interface FollowedPolicies extends PolicyHistorySource {
  /** Whether the history was read to its end. */
  readonly ready: boolean;
  /** The version in force and the history's length. */
  describe(): string;
}
