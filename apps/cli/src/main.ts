import { parseArgs } from 'node:util';
import type { Language } from '@stageplus/sla-engine';
import { CliError, describeError } from './io/cli-error';
import { policyFrom } from './io/policy-option';
import { policyHistoryFrom } from './io/policy-history-option';
import { deadlinesCommand } from './commands/deadlines.command';
import { explainCommand } from './commands/explain.command';
import { policyShowCommand, policyValidateCommand } from './commands/policy.command';
import { replayCommand } from './commands/replay.command';
import { reportCommand } from './commands/report/report.command';
import { readReportOptions, REPORT_USAGE } from './commands/report/report.options';
import { stopSignals, watchCommand } from './commands/watch/watch.command';
import { policyPublishCommand } from './commands/policy-publish/policy-publish.command';
import { POLICY_PUBLISH_USAGE, readPolicyPublishOptions } from './commands/policy-publish/policy-publish.options';
import { connectorsCommand } from './commands/connectors/connectors.command';
import { policyDiffCommand } from './commands/policy-diff/policy-diff.command';
import { POLICY_DIFF_USAGE, readPolicyDiffOptions } from './commands/policy-diff/policy-diff.options';
import { readWatchOptions, WATCH_USAGE } from './commands/watch/watch.options';
import { partitionsGrowCommand } from './commands/partitions/partitions-grow.command';
import { PARTITIONS_GROW_USAGE, readPartitionsGrowOptions } from './commands/partitions/partitions-grow.options';

const USAGE = `Usage: sla <command> [options]   (from the repository root: npm run --silent sla -- <command>)

Commands:
  deadlines                 JSON Lines of cases on stdin -> deadlines and thresholds on stdout
  replay                    JSON Lines of ticket events on stdin -> fired SLA events on stdout
      --until ISO             run virtual time up to this instant (default: latest receivedAt)
      --plan BASE|PLUS        apply one plan to every tenant (what-if)
      --summary               print a compliance table to stderr
      --events                print whole SLA events as the timer publishes them (sla.cleared too)
      --policy-history FILE   the published versions ({ versions: [{ file, publishedAt }] }), each
                              ticket under the version governing it (instead of --policy)
${REPORT_USAGE}  explain                   one ticket's events on stdin -> its clocks, deadlines and segments
      --now ISO               as of this instant (default: now)
      --json                  machine-readable output
      --lang fr|en            language of the text (default fr); instants in the establishment's zone
${WATCH_USAGE}  policy validate FILE      validate a policy file
${POLICY_PUBLISH_USAGE}${POLICY_DIFF_USAGE}  policy show               the effective matrix and targets
      --lang fr|en            language of the table (default fr)
${PARTITIONS_GROW_USAGE}  connectors validate [FILE]  check a connectors file (default: $CONNECTORS_FILE)
  connectors map --source S [--tenant T] [--file F] [--policy P] [--header 'Name: value']...
                            a webhook payload on stdin -> the ticket events it becomes (JSON Lines)

Common options:
  --policy FILE             use this policy instead of the bundled STAGE+ policy
`;

function instantOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new CliError('CLI.USAGE', `--${name} must be an ISO-8601 date-time, not "${value}"`);
  return ms;
}

function languageOption(value: string | undefined): Language {
  if (value === undefined || value === 'fr') return 'fr';
  if (value === 'en') return 'en';
  throw new CliError('CLI.USAGE', `--lang must be fr or en, not "${value}"`);
}

function planOption(value: string | undefined): 'BASE' | 'PLUS' | undefined {
  if (value === undefined || value === 'BASE' || value === 'PLUS') return value;
  throw new CliError('CLI.USAGE', `--plan must be BASE or PLUS, not "${value}"`);
}

async function run(argv: string[]): Promise<number> {
  // watch has options of its own (filters, colours), read by its slice.
  if (argv[0] === 'watch' && !argv.includes('--help') && !argv.includes('-h')) {
    const { stdout, stderr } = process;
    return watchCommand(readWatchOptions(argv.slice(1), process.env, stdout.isTTY === true), { stdout, stderr, stopRequested: stopSignals() });
  }
  // report has options of its own (period, format, source), read by its slice.
  if (argv[0] === 'report' && !argv.includes('--help') && !argv.includes('-h')) {
    const { stdin, stdout, stderr } = process;
    return (await reportCommand(readReportOptions(argv.slice(1), process.env), stdin, stdout, stderr)) > 0 ? 1 : 0;
  }
  // policy publish has options of its own (timeout) and reads the broker's variables.
  if (argv[0] === 'policy' && argv[1] === 'publish' && !argv.includes('--help') && !argv.includes('-h')) {
    await policyPublishCommand(readPolicyPublishOptions(argv.slice(2), process.env), process.stdout);
    return 0;
  }
  // policy diff reads a running timer: its URL and API key are options of its own.
  if (argv[0] === 'policy' && argv[1] === 'diff' && !argv.includes('--help') && !argv.includes('-h')) {
    await policyDiffCommand(readPolicyDiffOptions(argv.slice(2), process.env), process.stdout, Date.now());
    return 0;
  }
  // partitions grow changes the topics, the changelog and the timer's Redis state: its own options.
  if (argv[0] === 'partitions' && !argv.includes('--help') && !argv.includes('-h')) {
    if (argv[1] !== 'grow') throw new CliError('CLI.USAGE', `unknown partitions command "${argv[1] ?? ''}": grow`);
    await partitionsGrowCommand(readPartitionsGrowOptions(argv.slice(2), process.env), process.stdout);
    return 0;
  }
  if (argv[0] === 'connectors') return connectorsCommand(argv.slice(1), { ...process, env: process.env });
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      policy: { type: 'string' },
      'policy-history': { type: 'string' },
      until: { type: 'string' },
      plan: { type: 'string' },
      summary: { type: 'boolean', default: false },
      events: { type: 'boolean', default: false },
      now: { type: 'string' },
      json: { type: 'boolean', default: false },
      lang: { type: 'string', default: 'fr' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, sub, arg] = positionals;
  if (values.help || command === undefined) {
    process.stderr.write(USAGE);
    return values.help ? 0 : 2;
  }
  const { stdin, stdout, stderr } = process;
  switch (command) {
    case 'deadlines':
      return (await deadlinesCommand(policyFrom(values.policy), stdin, stdout)) > 0 ? 1 : 0;
    case 'replay': {
      const historyFile = values['policy-history'];
      const options = {
        policies: historyFile === undefined ? { policy: policyFrom(values.policy) } : { history: policyHistoryFrom(historyFile) },
        plan: planOption(values.plan),
        until: instantOption('until', values.until),
        summary: values.summary ?? false,
        wholeEvents: values.events ?? false,
      };
      return (await replayCommand(options, stdin, stdout, stderr)) > 0 ? 1 : 0;
    }
    case 'explain': {
      const now = instantOption('now', values.now) ?? Date.now();
      const options = { policy: policyFrom(values.policy), plan: planOption(values.plan), now, json: values.json ?? false, lang: languageOption(values.lang) };
      await explainCommand(options, stdin, stdout);
      return 0;
    }
    case 'policy':
      if (sub === 'validate') policyValidateCommand(arg, stdout);
      else if (sub === 'show') policyShowCommand(values.policy, values.lang ?? 'fr', stdout);
      else throw new CliError('CLI.USAGE', `unknown policy command "${sub ?? ''}": validate, show, publish or diff`);
      return 0;
    default:
      throw new CliError('CLI.USAGE', `unknown command "${command}"\n\n${USAGE}`);
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { code, message } = describeError(error);
    process.stderr.write(`sla: ${code}: ${message}\n`);
    process.exitCode = code === 'CLI.USAGE' ? 2 : 1;
  },
);
