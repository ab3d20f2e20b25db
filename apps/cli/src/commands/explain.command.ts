import type { Readable, Writable } from 'node:stream';
import {
  EngineError,
  explainTicket,
  explanationToJson,
  foldTicket,
  replay,
  type Language,
} from '@stageplus/sla-engine';
import { tenantTimeZone, type SlaPolicy } from '@stageplus/sla-policy';
import type { Plan } from '@stageplus/contracts';
import { CliError } from '../io/cli-error';
import { renderExplanation } from './explain.render';
import { readTicketEvents } from './read-ticket-events';

export interface ExplainOptions {
  readonly policy: SlaPolicy;
  readonly plan?: Plan;
  readonly now: number;
  readonly json: boolean;
  /** Language of the text rendering; `--json` carries holiday names in both (`labels`). */
  readonly lang: Language;
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
    output.write(JSON.stringify({ ...explanationToJson(explanation), fired }) + '\n');
    return;
  }
  const zone = tenantTimeZone(options.policy, state.tenantId);
  const render = { zone, dayMs: options.policy.businessDayMs, now: options.now, lang: options.lang };
  output.write(renderExplanation(explanation, fired, render) + '\n');
}
