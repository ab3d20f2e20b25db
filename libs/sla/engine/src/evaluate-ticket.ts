import type { Level, Plan, Priority } from '@stageplus/contracts';
import { resolveTargets, tenantTimeZone } from '@stageplus/sla-policy';
import { computeClock, type ClockSla } from './clock';
import { EngineError } from './engine-error';
import { policyOfState, type EvaluationContext } from './ticket-policy';
import type { TicketState } from './ticket-state';

export type { EvaluationContext } from './ticket-policy';

/** A ticket's SLA as of `now`: decisions = f(state, now). */
export interface TicketSla {
  readonly tenantId: string;
  readonly ticketId: string;
  readonly priority: Priority;
  readonly plan: Plan;
  readonly impact: Level;
  readonly urgency: Level;
  /** The policy version governing the ticket: the one in force at its opening, or its correction. */
  readonly policyVersion: string;
  /** Where the establishment's people read instants (`tenantTimeZone`). */
  readonly timeZone: string;
  /** Event time of `ticket.closed`; null while the ticket is open. */
  readonly closedAt: number | null;
  readonly clocks: { readonly response: ClockSla; readonly resolution: ClockSla };
}

/** Whether the ticket can be evaluated: opened, with impact and urgency known. */
export function isOpened(state: TicketState): boolean {
  return state.openedAt !== null && state.impact !== null && state.urgency !== null;
}

/**
 * Evaluates both clocks under the version governing the ticket as known at `now`. The current impact and urgency decide priority, targets and calendars,
 * applied from the original start (a priority change is retroactive, section 5).
 */
export function evaluateTicket(state: TicketState, ctx: EvaluationContext, now: number): TicketSla {
  if (state.openedAt === null || state.impact === null || state.urgency === null) {
    throw new EngineError('TICKET.NOT_OPENED', `ticket ${state.tenantId}/${state.ticketId} has no ticket.opened yet`);
  }
  const policy = policyOfState(state, ctx, now);
  const targets = resolveTargets(policy, {
    tenantId: state.tenantId,
    impact: state.impact,
    urgency: state.urgency,
    plan: ctx.plan,
  });
  const rules = policy.thresholds;
  const start = state.openedAt;
  return {
    tenantId: state.tenantId,
    ticketId: state.ticketId,
    priority: targets.priority,
    plan: targets.plan,
    impact: state.impact,
    urgency: state.urgency,
    policyVersion: policy.version,
    timeZone: tenantTimeZone(policy, state.tenantId),
    closedAt: state.closedAt,
    clocks: {
      response: computeClock(
        {
          clock: 'response',
          start,
          targetMs: targets.response.target.durationMs,
          calendar: targets.response.calendar,
          pauses: [],
          stop: state.response.stop,
        },
        rules,
        now,
      ),
      resolution: computeClock(
        {
          clock: 'resolution',
          start,
          targetMs: targets.resolution.target.durationMs,
          calendar: targets.resolution.calendar,
          pauses: state.resolution.pauses,
          stop: state.resolution.stop,
        },
        rules,
        now,
      ),
    },
  };
}
