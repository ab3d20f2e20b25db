import type { ThresholdEntry } from '../loading/policy-schema';
import type { ThresholdRule } from '../policy';
import type { IssueList } from './issue-list';

/** Escalation thresholds, sorted by percent: unique positive percents, one breach at 100 %. */
export function buildThresholds(entries: readonly ThresholdEntry[], issues: IssueList): ThresholdRule[] | undefined {
  const before = issues.all.length;
  entries.forEach((entry, i) => checkThreshold(entry, i, entries, issues));
  const breaches = entries.map((entry, i) => ({ entry, i })).filter(({ entry }) => entry.event === 'sla.breached');
  if (breaches.length === 0) {
    issues.add(['thresholds'], 'POLICY.THRESHOLD_BREACH_MISSING', 'no sla.breached threshold: add { percent: 100, event: sla.breached }');
  }
  for (const { i } of breaches.slice(1)) {
    issues.add(['thresholds', i], 'POLICY.THRESHOLD_BREACH_DUPLICATE', 'a second sla.breached threshold: a clock is breached once, at 100 %');
  }
  if (issues.all.length > before) return undefined;
  return entries
    .map((entry) => ({ percent: entry.percent, event: entry.event, level: entry.event === 'sla.breached' ? null : (entry.level ?? null) }))
    .sort((a, b) => a.percent - b.percent);
}

function checkThreshold(entry: ThresholdEntry, i: number, entries: readonly ThresholdEntry[], issues: IssueList): void {
  const at = ['thresholds', i];
  if (!(entry.percent > 0) || !Number.isFinite(entry.percent)) {
    issues.add([...at, 'percent'], 'POLICY.THRESHOLD_PERCENT_NOT_POSITIVE', `percent ${entry.percent} must be a positive number of percent of the target`);
  }
  const first = entries.findIndex((other) => other.percent === entry.percent);
  if (first < i) {
    issues.add([...at, 'percent'], 'POLICY.THRESHOLD_PERCENT_DUPLICATE', `${entry.percent} % is already thresholds[${first}]: one event per percent`);
  }
  const hasLevel = entry.level !== undefined && entry.level !== null;
  if (entry.event === 'sla.breached' && entry.percent !== 100) {
    issues.add([...at, 'percent'], 'POLICY.THRESHOLD_BREACH_NOT_AT_100', `sla.breached at ${entry.percent} %: a breach is the target itself, 100 %`);
  }
  if (entry.event === 'sla.breached' && hasLevel) {
    issues.add([...at, 'level'], 'POLICY.THRESHOLD_LEVEL_ON_BREACH', 'sla.breached has no escalation level: remove "level"');
  }
  if (entry.event === 'sla.escalated' && !hasLevel) {
    issues.add(at, 'POLICY.THRESHOLD_LEVEL_MISSING', 'sla.escalated needs a level (1 warning, 2 at risk, 3 overdue)');
  }
}
