import { parseArgs } from 'node:util';
import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { brokerList, readConfig, topicName } from '@stageplus/config';
import { reportPeriod, REPORT_LANGS, type ReportLang, type ReportPeriod } from '@stageplus/sla-reporting';
import type { SlaPolicy } from '@stageplus/sla-policy';
import { CliError } from '../../io/cli-error';
import { policyFrom } from '../../io/policy-option';

export const REPORT_USAGE = `  report                    SLA compliance per establishment, local month, priority and clock
      --from YYYY-MM-DD       first day of closing (establishment's local date), required
      --to YYYY-MM-DD         last day of closing, included, required
      --tenant T              one establishment (default: all)
      --format json|csv|html  output (default json); csv is RFC 4180, html is one self-contained page
      --lang fr|en            language of headers and labels (default fr)
      --events FILE|-         from an event log (JSON Lines of ticket events, "-" or no FILE: stdin)
                              through the replay engine; default: the live sla.outcomes topic
      environment (live): KAFKA_BROKERS (default 127.0.0.1:9092), TOPIC_SLA_OUTCOMES (default sla.outcomes)
`;

export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Where the outcomes come from: the compacted topic as it is now, or a replayed event log. */
export type ReportSource =
  | { readonly kind: 'live'; readonly brokers: readonly string[]; readonly topic: string }
  | { readonly kind: 'events'; readonly file: string | null; readonly policy: SlaPolicy };

export interface ReportOptions {
  readonly period: ReportPeriod;
  readonly format: ReportFormat;
  readonly lang: ReportLang;
  readonly source: ReportSource;
}

const envShape = { KAFKA_BROKERS: brokerList, TOPIC_SLA_OUTCOMES: topicName(DEFAULT_TOPICS.slaOutcomes) };

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError('CLI.USAGE', `--${name} must be ${allowed.join(', ')}, not "${value}"`);
}

/** `--events` alone (last, or before another option) reads stdin, as `--events -` does. */
const withEventsValue = (args: readonly string[]): string[] =>
  args.flatMap((a, i) => (a === '--events' && (i === args.length - 1 || args[i + 1].startsWith('--')) ? [a, '-'] : [a]));

/** `sla report`'s options and, for the live source, its environment (the services' variables). */
export function readReportOptions(args: readonly string[], env: Readonly<Record<string, string | undefined>>): ReportOptions {
  const { values, positionals } = parseArgs({
    args: withEventsValue(args),
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      events: { type: 'string' },
      policy: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new CliError('CLI.USAGE', `report takes no arguments, not "${positionals.join(' ')}"`);
  if (values.from === undefined || values.to === undefined) throw new CliError('CLI.USAGE', 'report needs --from YYYY-MM-DD and --to YYYY-MM-DD');
  const period = reportPeriod(values.tenant ?? null, values.from, values.to);
  let source: ReportSource;
  if (values.events !== undefined) {
    source = { kind: 'events', file: values.events === '-' ? null : values.events, policy: policyFrom(values.policy) };
  } else {
    const vars = readConfig('sla report', envShape, env);
    source = { kind: 'live', brokers: vars.KAFKA_BROKERS, topic: vars.TOPIC_SLA_OUTCOMES };
  }
  return { period, format: oneOf('format', values.format, REPORT_FORMATS, 'json'), lang: oneOf('lang', values.lang, REPORT_LANGS, 'fr'), source };
}
