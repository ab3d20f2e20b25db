import type { AdapterLogger } from '@stageplus/kafka';
import { latestVersion, type PolicyHistory } from '@stageplus/sla-policy';
import type { ClockKeeper } from '../keeper/clock-keeper';
import type { PartitionOwner } from '../ownership/partition-owner';

/**
 * What the timer does when a policy version arrives. A plain new version changes no ticket the
 * timer already knows (a ticket keeps the version in force when its opening was learnt), so
 * nothing is decided again; a correction stands in for its version retroactively, so every open
 * ticket of every partition this member owns is decided again at once (`ClockKeeper.redecide`),
 * following its publication (alerts it made moot clear), a partition being taken or rebuilt once
 * it is ready.
 */
export function redecideOnCorrection(keeper: ClockKeeper, owner: PartitionOwner, logger: AdapterLogger) {
  return (next: PolicyHistory): void => {
    const { policy, publishedAt } = latestVersion(next);
    if (policy.replaces === undefined) return;
    for (const partition of owner.partitions()) {
      void owner
        .fence(partition)
        .then((token) => keeper.redecide(partition, token, publishedAt))
        .then((count) => logger.info({ partition, version: policy.version, replaces: policy.replaces, tickets: count }, 'open tickets decided again under a correction'))
        .catch((error: Error) => logger.warn({ partition, version: policy.version, err: error.message }, 'open tickets not decided again (the partition moved or Redis failed); each is at its next event or timer'));
    }
  };
}
