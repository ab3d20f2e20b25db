import type { Readable, Writable } from 'node:stream';
import {
  EngineError,
  explainTicket,
  foldTicket,
  replay,
  type ExplanationSegment,
  type TicketExplanation,
} from '@stageplus/sla-engine';
import type { SlaPolicy } from '@stageplus/sla-policy';
import type { Plan } from '@stageplus/contracts';
import { CliError } from '../io/cli-error';
import { renderExplanation } from './explain.render';
import { readTicketEvents } from './read-ticket-events';

export interface ExplainOptions {
  readonly policy: SlaPolicy;
  readonly plan?: Plan;
  readonly now: number;
  readonly json: boolean;
}

/** `sla explain`: one ticket's clocks, deadlines, segments and what fired, for a person or as JSON. */
export async function explainCommand(options: ExplainOptions, input: Readable, output: Writable): Promise<void> {
  const { events, errors } = await readTicketEvents(input);
  if (errors.length > 0) throw new CliError('EVENT.INVALID', errors.map((e) => `line ${e.line}: ${e.error.message}`).join('\n'));
  const tickets = new Set(events.map((e) => `${e.tenantId}/${e.ticketId}`));
  if (tickets.size !== 1) {
    throw new EngineError('TICKET.MIXED_TICKETS', `explain takes one ticket's events; got ${tickets.size} tickets`);
  }
  const known = events.filter((e) => e.receivedAt <= options.now);
  const state = foldTicket(known, { pauseStatuses: options.policy.pauseStatuses });
  if (state === null) throw new EngineError('TICKET.NOT_OPENED', 'no event of this ticket is known at --now');
  const ctx = { policy: options.policy, plan: options.plan };
  const explanation = explainTicket(state, ctx, options.now);
  const fired = replay(known, { ...ctx, until: options.now }).fired;
  if (options.json) {
    output.write(JSON.stringify(toJson(explanation, fired)) + '\n');
    return;
  }
  const business = options.policy.calendarSpecs['business'];
  const zone = business?.kind === 'business' ? business.timeZone : 'UTC';
  output.write(renderExplanation(explanation, fired, { zone, dayMs: options.policy.businessDayMs, now: options.now }) + '\n');
}

const iso = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

function toJson(x: TicketExplanation, fired: readonly unknown[]) {
  const clock = (name: 'response' | 'resolution') => {
    const c = x.sla.clocks[name];
    return {
      status: c.status,
      calendar: c.calendarId,
      targetMs: c.targetMs,
      startedAt: iso(c.startedAt),
      dueAt: iso(c.dueAt),
      elapsedMs: c.elapsedMs,
      remainingMs: c.remainingMs,
      stoppedAt: iso(c.stop?.at ?? null),
      stoppedBy: c.stop?.by ?? null,
      pausedSince: iso(c.pausedSince),
      thresholds: c.thresholds.map((t) => ({ ...t, at: iso(t.at) })),
      segments: x.segments[name].map((s: ExplanationSegment) => ({ ...s, from: iso(s.from), to: iso(s.to) })),
    };
  };
  const { clocks: _clocks, ...ticket } = x.sla;
  return { ...ticket, clocks: { response: clock('response'), resolution: clock('resolution') }, fired };
}
