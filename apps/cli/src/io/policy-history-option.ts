import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { appendVersion, parsePolicy, type PolicyHistory } from '@stageplus/sla-policy';
import { CliError } from './cli-error';

/**
 * A history file: the versions in publication order, each a policy file (relative to the history
 * file) and the instant it was published; the first may omit it (in force from the start).
 */
const historyFileSchema = z.strictObject({
  versions: z
    .array(z.strictObject({ file: z.string().min(1), publishedAt: z.iso.datetime({ offset: true }).optional() }))
    .min(1),
});

/**
 * `--policy-history FILE`: every version validated, corrections checked against what was
 * published before them.
 *
 * @throws CliError `CLI.POLICY_HISTORY` for a file that is not a history; PolicyError for a bad version.
 */
export function policyHistoryFrom(path: string): PolicyHistory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError('CLI.POLICY_HISTORY', `cannot read policy history ${path}: ${(error as Error).message}`);
  }
  const parsed = historyFileSchema.safeParse(parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError('CLI.POLICY_HISTORY', `${path}: ${issue.path.join('.') || '(root)'}: ${issue.message} (expected versions: [{ file, publishedAt }])`);
  }
  let history: PolicyHistory | null = null;
  for (const [i, entry] of parsed.data.versions.entries()) {
    if (i > 0 && entry.publishedAt === undefined) throw new CliError('CLI.POLICY_HISTORY', `${path}: versions.${i}.publishedAt: only the first version may omit it`);
    const file = resolve(dirname(path), entry.file);
    const policyText = readFileSync(file, 'utf8');
    const publication = {
      policy: parsePolicy(policyText, file),
      publishedAt: entry.publishedAt === undefined ? -Infinity : Date.parse(entry.publishedAt),
      digest: createHash('sha256').update(policyText).digest('hex'),
    };
    history = history === null ? { versions: [publication] } : appendVersion(history, publication);
  }
  if (history === null) throw new CliError('CLI.POLICY_HISTORY', `${path}: no version`);
  return history;
}
