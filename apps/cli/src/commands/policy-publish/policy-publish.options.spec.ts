import { readPolicyPublishOptions } from './policy-publish.options';

describe("sla policy publish's options", () => {
  it('defaults to a 30 s wait, the local broker and the contract topics', () => {
    expect(readPolicyPublishOptions(['p.yaml'], {})).toEqual({
      file: 'p.yaml',
      timeoutMs: 30_000,
      brokers: ['127.0.0.1:9092'],
      topics: { policy: 'sla.policy', status: 'sla.policy.status' },
    });
  });

  it('takes the wait and the topics from the options and the environment', () => {
    const options = readPolicyPublishOptions(['p.yaml', '--timeout-ms', '500'], { KAFKA_BROKERS: 'k:9092', TOPIC_SLA_POLICY: 'p', TOPIC_SLA_POLICY_STATUS: 's' });
    expect(options).toEqual({ file: 'p.yaml', timeoutMs: 500, brokers: ['k:9092'], topics: { policy: 'p', status: 's' } });
  });

  it('refuses a missing file or a wait that is not a positive number of milliseconds', () => {
    expect(() => readPolicyPublishOptions([], {})).toThrow(expect.objectContaining({ code: 'CLI.USAGE' }));
    expect(() => readPolicyPublishOptions(['p.yaml', '--timeout-ms', '2s'], {})).toThrow(/--timeout-ms must be a positive number/);
  });

  it('names a bad variable', () => {
    expect(() => readPolicyPublishOptions(['p.yaml'], { TOPIC_SLA_POLICY: 'bad topic!' })).toThrow(/TOPIC_SLA_POLICY/);
  });
});
