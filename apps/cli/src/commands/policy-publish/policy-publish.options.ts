import { parseArgs } from 'node:util';
import { brokerList, readConfig, topicName } from '@stageplus/config';
import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { CliError } from '../../io/cli-error';

export const POLICY_PUBLISH_USAGE = `  policy publish FILE       validate FILE, publish it as a new policy version on sla.policy, then
                            wait until every running priority and timer instance holds it
      --timeout-ms N          give up waiting after N ms, naming the instances behind (default 30000)
      environment: KAFKA_BROKERS, TOPIC_SLA_POLICY (default sla.policy),
                   TOPIC_SLA_POLICY_STATUS (default sla.policy.status)
`;

export interface PolicyPublishOptions {
  readonly file: string;
  /** How long to wait for the running instances to hold the new version (ms); default 30 000. */
  readonly timeoutMs: number;
  readonly brokers: readonly string[];
  readonly topics: { readonly policy: string; readonly status: string };
}

const envShape = {
  KAFKA_BROKERS: brokerList,
  TOPIC_SLA_POLICY: topicName(DEFAULT_TOPICS.slaPolicy),
  TOPIC_SLA_POLICY_STATUS: topicName(DEFAULT_TOPICS.slaPolicyStatus),
};

/** `sla policy publish`'s arguments (after `policy publish`) and its environment. */
export function readPolicyPublishOptions(args: readonly string[], env: Readonly<Record<string, string | undefined>>): PolicyPublishOptions {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { 'timeout-ms': { type: 'string' } } });
  if (positionals.length !== 1) throw new CliError('CLI.USAGE', 'policy publish needs one FILE');
  const raw = values['timeout-ms'] ?? '30000';
  const timeoutMs = Number(raw);
  if (!/^\d+$/.test(raw) || timeoutMs < 1) throw new CliError('CLI.USAGE', `--timeout-ms must be a positive number of milliseconds, not "${raw}"`);
  const vars = readConfig('sla policy publish', envShape, env);
  return { file: positionals[0], timeoutMs, brokers: vars.KAFKA_BROKERS, topics: { policy: vars.TOPIC_SLA_POLICY, status: vars.TOPIC_SLA_POLICY_STATUS } };
}
