import type { Level, TicketEvent } from '@stageplus/contracts';

/**
 * What happens to a demo ticket, each a story a support desk knows, timed as fractions of the
 * ticket's targets so that it plays out the same on any policy:
 * - `answered-quickly`: responded at 30 % of the response target, resolved, closed: no alert;
 * - `answered-late`: responded at 85 %: escalations 1 and 2 fire, then clear;
 * - `breached`: responded at 120 %: escalations, the breach, then the clear;
 * - `paused`: waits on the customer (pending_customer) just after the resolution clock's first
 *   escalation (the pause clears it), resumes a minute later, escalates again, then resolves;
 * - `reprioritized`: opened low, raised by an agent with a reason; the new targets apply from
 *   the opening (retroactively), so escalations come at once;
 * - `reopened`: resolved, reopened by the customer, resolved again.
 */
export const STORY_KINDS = ['answered-quickly', 'answered-late', 'breached', 'paused', 'reprioritized', 'reopened'] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

/** Targets of one priority, in ms, as the policy gives them. */
export interface StoryTargets {
  readonly responseMs: number;
  readonly resolutionMs: number;
}

export interface StoryInput {
  readonly kind: StoryKind;
  readonly tenantId: string;
  readonly ticketId: string;
  readonly impact: Level;
  readonly urgency: Level;
  /** When it opens (ms since the epoch). */
  readonly openedAt: number;
  readonly targets: StoryTargets;
  /** Who works on it upstream (an agent id). */
  readonly agent: string;
  /** `reprioritized` only: the impact and urgency it is raised to, and their targets. */
  readonly raisedTo?: { readonly impact: Level; readonly urgency: Level; readonly targets: StoryTargets };
}

/** A ticket event and the instant it happens (and is posted). */
export interface PlannedEvent {
  readonly at: number;
  readonly event: TicketEvent;
}

const CLOSE_AFTER_MS = 10_000;
const PAUSE_MS = 60_000;
const RAISE_AFTER_MS = 15_000;

/** The events of one ticket's story, in time order, each with a deterministic eventId. */
export function ticketStory(input: StoryInput): PlannedEvent[] {
  const { openedAt: t0, targets: { responseMs: r, resolutionMs: s } } = input;
  const events: PlannedEvent[] = [];
  const add = (at: number, type: TicketEvent['type'], fields: Partial<TicketEvent> = {}) => {
    const event = { eventId: `${input.ticketId}:${events.length + 1}:${type}`, type, tenantId: input.tenantId, ticketId: input.ticketId, occurredAt: new Date(Math.round(at)).toISOString(), ...fields };
    events.push({ at: Math.round(at), event: event as TicketEvent });
  };
  const actor = { actor: input.agent };
  add(t0, 'ticket.opened', { impact: input.impact, urgency: input.urgency, status: 'new' });
  switch (input.kind) {
    case 'answered-quickly':
      add(t0 + 0.3 * r, 'ticket.responded', actor);
      add(t0 + 0.4 * s, 'ticket.resolved', actor);
      break;
    case 'answered-late':
      add(t0 + 0.85 * r, 'ticket.responded', actor);
      add(t0 + 0.45 * s, 'ticket.resolved', actor);
      break;
    case 'breached':
      add(t0 + 1.2 * r, 'ticket.responded', actor);
      add(t0 + 0.6 * s, 'ticket.resolved', actor);
      break;
    case 'paused':
      add(t0 + 0.2 * r, 'ticket.responded', actor);
      add(t0 + 0.55 * s, 'ticket.updated', { status: 'pending_customer', ...actor, reason: 'customer_info_requested' });
      add(t0 + 0.55 * s + PAUSE_MS, 'ticket.updated', { status: 'in_progress', ...actor, reason: 'customer_replied' });
      add(t0 + 0.8 * s + PAUSE_MS, 'ticket.resolved', actor);
      break;
    case 'reprioritized': {
      const raised = input.raisedTo ?? { impact: 1 as Level, urgency: 1 as Level, targets: input.targets };
      add(t0 + RAISE_AFTER_MS, 'ticket.updated', { impact: raised.impact, urgency: raised.urgency, ...actor, reason: 'impact_reassessed' });
      add(t0 + Math.max(RAISE_AFTER_MS + 5_000, 0.8 * raised.targets.responseMs), 'ticket.responded', actor);
      add(t0 + Math.max(RAISE_AFTER_MS + 10_000, 0.45 * raised.targets.resolutionMs), 'ticket.resolved', actor);
      break;
    }
    case 'reopened':
      add(t0 + 0.3 * r, 'ticket.responded', actor);
      add(t0 + 0.3 * s, 'ticket.resolved', actor);
      add(t0 + 0.3 * s + 30_000, 'ticket.reopened', { actor: 'customer-portal', reason: 'problem_persists' });
      add(t0 + 0.6 * s + 30_000, 'ticket.resolved', actor);
      break;
    default:
      return assertNever(input.kind);
  }
  add(events[events.length - 1].at + CLOSE_AFTER_MS, 'ticket.closed', actor);
  return events;
}

function assertNever(kind: never): never {
  throw new Error(`unknown story ${String(kind)}`);
}
