import { parseArgs } from 'node:util';
import { CliError } from '../../io/cli-error';

export const POLICY_DIFF_USAGE = `  policy diff OLD NEW       before publishing NEW: the running timer's open tickets whose deadlines
                            would move, by how much, and which fired thresholds would have fired elsewhere
      --timer URL             the timer's API (default http://127.0.0.1:3002)
      --key KEY               an API key with read scope (default: $SLA_API_KEY)
      --tenant T              only this establishment's tickets (default: all, with an all-tenants key)
      --json                  JSON Lines: one move a line, then the summary
`;

export interface PolicyDiffOptions {
  readonly oldFile: string;
  readonly newFile: string;
  /** Base URL of the timer's HTTP API; default `http://127.0.0.1:3002`. */
  readonly timerUrl: string;
  readonly key: string;
  readonly tenant?: string;
  readonly json: boolean;
}

/** `sla policy diff`'s arguments (after `policy diff`) and `SLA_API_KEY`. */
export function readPolicyDiffOptions(args: readonly string[], env: Readonly<Record<string, string | undefined>>): PolicyDiffOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { timer: { type: 'string' }, key: { type: 'string' }, tenant: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 2) throw new CliError('CLI.USAGE', 'policy diff needs OLD and NEW policy files');
  const timerUrl = values.timer ?? 'http://127.0.0.1:3002';
  if (!URL.canParse(timerUrl) || !/^https?:$/.test(new URL(timerUrl).protocol)) throw new CliError('CLI.USAGE', `--timer must be an http(s) URL, not "${timerUrl}"`);
  const key = values.key ?? env.SLA_API_KEY;
  if (key === undefined || key === '') throw new CliError('CLI.USAGE', 'policy diff needs an API key: --key KEY or SLA_API_KEY');
  if (values.tenant === '') throw new CliError('CLI.USAGE', '--tenant must name one establishment');
  return { oldFile: positionals[0], newFile: positionals[1], timerUrl, key, json: values.json ?? false, ...(values.tenant === undefined ? {} : { tenant: values.tenant }) };
}
