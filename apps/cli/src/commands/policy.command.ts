import type { Writable } from 'node:stream';
import { loadPolicyFile, renderPolicyTable } from '@stageplus/sla-policy';
import { CliError } from '../io/cli-error';
import { policyFrom } from '../io/policy-option';

/** `sla policy validate FILE`: loads and validates; throws the PolicyError that names every issue. */
export function policyValidateCommand(file: string | undefined, output: Writable): void {
  if (file === undefined) throw new CliError('CLI.USAGE', 'policy validate needs a FILE');
  const policy = loadPolicyFile(file);
  output.write(`${file}: valid (version ${policy.version}, effective ${policy.effectiveDate})\n`);
}

/** `sla policy show`: the effective matrix and targets as a table, in French or English. */
export function policyShowCommand(file: string | undefined, lang: string, output: Writable): void {
  if (lang !== 'fr' && lang !== 'en') throw new CliError('CLI.USAGE', `--lang must be fr or en, not "${lang}"`);
  output.write(renderPolicyTable(policyFrom(file), lang) + '\n');
}
