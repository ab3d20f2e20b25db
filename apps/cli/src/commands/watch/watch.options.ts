import { parseArgs } from 'node:util';
import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { brokerList, readConfig, topicName } from '@stageplus/config';
import type { Language } from '@stageplus/sla-engine';
import { tenantTimeZone } from '@stageplus/sla-policy';
import { CliError } from '../../io/cli-error';
import { policyFrom } from '../../io/policy-option';
import { watchFilter } from './watch-filter';
import type { WatchSessionOptions } from './watch-session';

export const WATCH_USAGE = `  watch                     tail the SLA topics: one readable line per escalation, breach or clear
      --tenant T[,T...]       only these establishments (repeatable)
      --priority P1[,P2...]   only these priorities
      --level L[,L...]        1, 2, 3, breach, cleared (a clear also shows under its alert's level)
      --from-beginning        from the start of the topics (default: only events from now on)
      --json                  the events' JSON payloads as they are, one a line, for pipes
      --lang fr|en            language of the lines (default fr)
      --color, --no-color     ANSI colours (default: when stdout is a terminal and NO_COLOR is unset)
      environment: KAFKA_BROKERS (default 127.0.0.1:9092), TOPIC_SLA_ESCALATIONS, TOPIC_SLA_BREACHES
`;

const envShape = {
  KAFKA_BROKERS: brokerList,
  TOPIC_SLA_ESCALATIONS: topicName(DEFAULT_TOPICS.slaEscalations),
  TOPIC_SLA_BREACHES: topicName(DEFAULT_TOPICS.slaBreaches),
};

export interface WatchOptions {
  readonly brokers: readonly string[];
  /** The SLA topics, without repeats (both variables may name one topic). */
  readonly topics: readonly string[];
  readonly fromBeginning: boolean;
  readonly session: WatchSessionOptions;
}

function language(value: string | undefined): Language {
  if (value === undefined || value === 'fr' || value === 'en') return value ?? 'fr';
  throw new CliError('CLI.USAGE', `--lang must be fr or en, not "${value}"`);
}

/**
 * `sla watch`'s own options (filters that no other command has), its environment (the same
 * `KAFKA_BROKERS` and `TOPIC_*` variables as the services), and whether to colour:
 * `--no-color` wins, then `--color`, then `NO_COLOR`, then whether stdout is a terminal.
 */
export function readWatchOptions(args: string[], env: Readonly<Record<string, string | undefined>>, isTty: boolean): WatchOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      tenant: { type: 'string', multiple: true },
      priority: { type: 'string', multiple: true },
      level: { type: 'string', multiple: true },
      'from-beginning': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      lang: { type: 'string' },
      color: { type: 'boolean', default: false },
      'no-color': { type: 'boolean', default: false },
      policy: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new CliError('CLI.USAGE', `watch takes no arguments, not "${positionals.join(' ')}"`);
  const vars = readConfig('sla watch', envShape, env);
  const policy = policyFrom(values.policy);
  const noColor = values['no-color'] || (!values.color && ((env.NO_COLOR ?? '') !== '' || !isTty));
  return {
    brokers: vars.KAFKA_BROKERS,
    topics: [...new Set([vars.TOPIC_SLA_ESCALATIONS, vars.TOPIC_SLA_BREACHES])],
    fromBeginning: values['from-beginning'],
    session: {
      filter: watchFilter(values),
      json: values.json,
      lang: language(values.lang),
      color: !noColor,
      zoneOf: (tenantId) => tenantTimeZone(policy, tenantId),
    },
  };
}
