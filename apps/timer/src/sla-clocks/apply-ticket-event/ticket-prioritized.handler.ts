import { Controller, Inject, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { permanentFailure, RethrowRpcErrorsFilter, type AdapterLogger, type BatchResult, type IncomingBatch, type RefusedMessage } from '@stageplus/kafka';
import { CLOCK_UPDATES, PARTITION_FENCE, POLICY_HISTORY, TICKETS_PRIORITIZED, TIMER_LOGGER } from '../../timer.tokens';
import type { FollowedPolicies } from '../follow-policy/followed-policies';
import type { RefusedEvent } from '../keeper/ticket-clock';
import type { PartitionFence } from '../ownership/ownership-ports';
import { ticketEventOf, type PrioritizedEvent } from './ticket-prioritized.parser';

/** What the handler asks of the keeper (`ClockKeeper`): a partition's batch applied, durably. */
export interface ClockUpdates {
  /** Resolves with the events the engine refused (never stored). */
  applyEvents(partition: number, token: string, events: readonly PrioritizedEvent[]): Promise<RefusedEvent[]>;
}

/**
 * Applies a partition's batch of prioritized ticket events to their clocks; resolves once the
 * SLA events, changelog records, timers and records are durable (the transport commits after).
 * Messages that are not valid events, and events the engine refuses, are returned as refused:
 * dead-lettered with their code, never retried.
 */
@Controller()
@UseFilters(new RethrowRpcErrorsFilter())
export class TicketPrioritizedHandler {
  private warnedVersion = false;

  constructor(
    @Inject(PARTITION_FENCE) private readonly owner: PartitionFence,
    @Inject(CLOCK_UPDATES) private readonly keeper: ClockUpdates,
    @Inject(POLICY_HISTORY) private readonly policies: FollowedPolicies,
    @Inject(TIMER_LOGGER) private readonly logger: AdapterLogger,
  ) {}

  @EventPattern(TICKETS_PRIORITIZED)
  async handle(@Payload() batch: IncomingBatch): Promise<BatchResult> {
    const refused: RefusedMessage[] = [];
    const offsets = new Map<PrioritizedEvent, string>();
    for (const message of batch.messages) {
      try {
        const { policyVersion, ...prioritized } = ticketEventOf(message);
        this.checkPolicyVersion(policyVersion);
        offsets.set(prioritized, message.offset);
      } catch (error) {
        const permanent = permanentFailure(error);
        if (permanent === null) throw error;
        refused.push({ offset: message.offset, code: permanent.code, detail: permanent.message });
      }
    }
    if (offsets.size === 0) return { refused };
    const token = await this.owner.fence(batch.partition, batch.heartbeat);
    const refusedEvents = await this.keeper.applyEvents(batch.partition, token, [...offsets.keys()]);
    for (const r of refusedEvents) refused.push({ offset: offsets.get(r.prioritized) as string, code: r.code, detail: r.message });
    return { refused };
  }

  private checkPolicyVersion(version: string | null): void {
    if (version === null || this.warnedVersion || this.policies.history.versions.some((v) => v.policy.version === version)) return;
    this.warnedVersion = true;
    this.logger.warn({ policyVersion: version, timerPolicies: this.policies.describe() }, 'priority used a policy version the timer does not know');
  }
}
