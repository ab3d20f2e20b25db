import { Controller, Inject, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PermanentMessageError, type AdapterLogger, type IncomingMessage, RethrowRpcErrorsFilter } from '@stageplus/kafka';
import { ADAPTER_LOGGER, TimerRuntime } from '../../timer.runtime';
import { EngineRefusal } from '../sla-clock.service';
import { ticketEventOf } from './ticket-prioritized.parser';

export const TICKETS_PRIORITIZED = 'tickets-prioritized';

/** Applies each prioritized ticket event to its clocks; resolves once state, events and timers are durable. */
@Controller()
@UseFilters(new RethrowRpcErrorsFilter())
export class TicketPrioritizedHandler {
  constructor(
    @Inject(TimerRuntime) private readonly runtime: TimerRuntime,
    @Inject(ADAPTER_LOGGER) private readonly logger: AdapterLogger,
  ) {}

  @EventPattern(TICKETS_PRIORITIZED)
  async handle(@Payload() message: IncomingMessage): Promise<void> {
    const { event, policyVersion } = ticketEventOf(message);
    if (policyVersion !== null && policyVersion !== this.runtime.policy.version) {
      this.logger.warn({ policyVersion, timerPolicy: this.runtime.policy.version }, 'priority and timer run different policy versions');
    }
    try {
      await this.runtime.clocks.apply(event, Date.now);
    } catch (error) {
      // The policy or the engine refusing an event is final: retrying cannot change the answer.
      const code = (error as { code?: unknown }).code;
      if (error instanceof EngineRefusal || (typeof code === 'string' && code.startsWith('POLICY.'))) {
        throw new PermanentMessageError(typeof code === 'string' ? code : 'ENGINE.REFUSED', (error as Error).message);
      }
      throw error;
    }
  }
}
