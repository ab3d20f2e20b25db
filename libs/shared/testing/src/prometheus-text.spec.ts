import { sampleSum, sampleValue } from './prometheus-text';

const text = [
  '# HELP sla_publish_resends_total Partitions a send resolved by kafkajs had not written, sent again',
  '# TYPE sla_publish_resends_total counter',
  'sla_publish_resends_total{service="timer",topic="sla.breaches",partition="0"} 2',
  'sla_publish_resends_total{service="timer",topic="sla.timer.state",partition="2"} 1',
  'process_cpu_user_seconds_total{service="timer"} 3.5',
].join('\n');

describe('reading a Prometheus text exposition', () => {
  it('gives the first matching sample, or undefined', () => {
    expect(sampleValue(text, 'sla_publish_resends_total', { partition: '2' })).toBe(1);
    expect(sampleValue(text, 'sla_publish_resends_total', { topic: 'nope' })).toBeUndefined();
  });

  it('sums a counter over its series, 0 when none matches', () => {
    expect(sampleSum(text, 'sla_publish_resends_total')).toBe(3);
    expect(sampleSum(text, 'sla_publish_resends_total', { topic: 'sla.breaches' })).toBe(2);
    expect(sampleSum(text, 'sla_publish_failures_total')).toBe(0);
  });
});
