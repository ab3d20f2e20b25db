import type { PolicyRule } from '../policy-error';
import type { PathSegments } from '../loading/yaml-source';

/** An issue before it is located in the file. */
export interface IssueDraft {
  readonly at: PathSegments;
  readonly rule: PolicyRule;
  readonly message: string;
}

/** Collects every issue of a policy, so that one run reports them all. */
export class IssueList {
  private readonly drafts: IssueDraft[] = [];

  add(at: PathSegments, rule: PolicyRule, message: string): void {
    this.drafts.push({ at, rule, message });
  }

  get isEmpty(): boolean {
    return this.drafts.length === 0;
  }

  get all(): readonly IssueDraft[] {
    return this.drafts;
  }
}

/** `targets.BASE.P3.resolution`, `thresholds[2].level`. */
export function formatPath(at: PathSegments): string {
  return at.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}
