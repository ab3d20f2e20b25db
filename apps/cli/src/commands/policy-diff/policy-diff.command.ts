import type { Writable } from 'node:stream';
import { appendVersion, loadPolicyFile, singleVersionHistory, type SlaPolicy } from '@stageplus/sla-policy';
import type { EvaluationContext } from '@stageplus/sla-engine';
import { CliError } from '../../io/cli-error';
import { deadlineMoves } from './deadline-moves';
import { moveLine, moveRecord, summaryLine, summaryRecord } from './deadline-moves.render';
import type { PolicyDiffOptions } from './policy-diff.options';
import { readOpenTickets } from './timer-open-tickets';

/**
 * `sla policy diff OLD NEW`: both files validated (a bad one is refused with its issues), the
 * timer's open tickets read, each evaluated as of `now` under OLD and with NEW published after it.
 * The engine's one rule decides what NEW changes: a correction of OLD stands in for it at once,
 * a new version governs only tickets opened after it is published, so moves nothing open.
 *
 * @throws PolicyError `POLICY.INVALID`, `POLICY.FILE_UNREADABLE`; CliError `CLI.USAGE` for a NEW
 *   correcting another version than OLD, `CLI.TIMER` when the timer does not answer.
 */
export async function policyDiffCommand(options: PolicyDiffOptions, output: Writable, now: number, fetchImpl: typeof fetch = fetch): Promise<void> {
  const oldPolicy = inForce(loadPolicyFile(options.oldFile));
  const newPolicy = loadPolicyFile(options.newFile);
  const after = publishedAfter(oldPolicy, newPolicy, now);
  const tickets = await readOpenTickets({ url: options.timerUrl, key: options.key, tenant: options.tenant }, fetchImpl);
  const diff = deadlineMoves(tickets, oldPolicy.version, { history: singleVersionHistory(oldPolicy) }, after, now);
  const lines = options.json
    ? [...diff.moves.map(moveRecord), summaryRecord(diff)].map((r) => JSON.stringify(r))
    : [...diff.moves.map(moveLine), summaryLine(diff), ...(newPolicy.replaces === undefined ? [newVersionNote(oldPolicy, newPolicy)] : [])];
  output.write(lines.join('\n') + '\n');
}

/**
 * OLD as the version in force. OLD may itself be a correction (`replaces:` an earlier version the
 * diff is not given): for the tickets it governs it stands in for that version, so the diff takes
 * it as the root of its lineage; found by the real-timer spec, a one-version history of a
 * correction had no version to govern anything.
 */
function inForce(oldPolicy: SlaPolicy): SlaPolicy {
  if (oldPolicy.replaces === undefined) return oldPolicy;
  const { replaces: _corrected, ...root } = oldPolicy;
  return root;
}

/** OLD, then NEW published at `now`: what the timer holds once NEW is published. */
function publishedAfter(oldPolicy: SlaPolicy, newPolicy: SlaPolicy, now: number): EvaluationContext {
  if (newPolicy.replaces !== undefined && newPolicy.replaces !== oldPolicy.version) {
    throw new CliError('CLI.USAGE', `NEW (${newPolicy.version}) corrects ${newPolicy.replaces}, not OLD (${oldPolicy.version}): diff it against ${newPolicy.replaces}`);
  }
  return { history: appendVersion(singleVersionHistory(oldPolicy), { policy: newPolicy, publishedAt: now }) };
}

function newVersionNote(oldPolicy: SlaPolicy, newPolicy: SlaPolicy): string {
  return `${newPolicy.version} is a new version, not a correction of ${oldPolicy.version}: open tickets keep the version they opened under (only "replaces: ${oldPolicy.version}" moves them)`;
}
