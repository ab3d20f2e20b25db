import type { Readable, Writable } from 'node:stream';
import type { Plan, SlaNotification, SlaThresholdFired } from '@stageplus/contracts';
import { complianceSummary, replay } from '@stageplus/sla-engine';
import type { PolicyHistory, SlaPolicy } from '@stageplus/sla-policy';
import { LineWriter } from '../io/json-lines';
import { renderComplianceTable } from './compliance-table';
import { readTicketEvents } from './read-ticket-events';

export interface ReplayCommandOptions {
  /** One policy, or the published versions (each ticket under the version governing it). */
  readonly policies: { readonly policy: SlaPolicy } | { readonly history: PolicyHistory };
  readonly plan?: Plan;
  readonly until?: number;
  readonly summary: boolean;
  /** Whole SLA events as published on the SLA topics (`sla.cleared` included) rather than the fired thresholds. */
  readonly wholeEvents?: boolean;
}

/** The fired threshold of an SLA event: what `sla replay` has always printed. */
function firedThreshold(e: SlaNotification): SlaThresholdFired {
  const { type, tenantId, ticketId, clock, percent, level, priority, thresholdAt, firedAt, late } = e;
  return { type, tenantId, ticketId, clock, percent, level, priority, thresholdAt, firedAt, late };
}

/**
 * `sla replay`: section 7 in virtual time. Fired events go to stdout in `firedAt` order; bad
 * lines, tickets the policy cannot apply to, and the summary go to stderr.
 * Returns the number of problems (bad lines and failed tickets).
 */
export async function replayCommand(
  options: ReplayCommandOptions,
  input: Readable,
  output: Writable,
  errors: Writable,
): Promise<number> {
  const { events, errors: inputErrors } = await readTicketEvents(input);
  for (const e of inputErrors) errors.write(JSON.stringify(e) + '\n');
  const result = replay(events, { ...options.policies, plan: options.plan, until: options.until });
  for (const e of result.errors) errors.write(JSON.stringify({ error: e }) + '\n');
  const out = new LineWriter(output);
  // `--events`: the SLA topics' stream, clears included; otherwise the fired thresholds, as always.
  if (options.wholeEvents) for (const event of result.events) out.write(event);
  else for (const fired of result.fired) out.write(firedThreshold(fired));
  await out.end();
  if (options.summary) {
    errors.write(`Compliance at ${new Date(result.until).toISOString()} (${result.tickets.length} tickets)\n`);
    errors.write(renderComplianceTable(complianceSummary(result.tickets)) + '\n');
  }
  return inputErrors.length + result.errors.length;
}
