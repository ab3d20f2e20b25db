import { ConfigError } from '@stageplus/config';
import { readPartitionsGrowOptions } from './partitions-grow.options';

describe('sla partitions grow options', () => {
  it('reads --to and the services\' variables, with their defaults', () => {
    expect(readPartitionsGrowOptions(['--to', '6'], {})).toEqual({
      to: 6,
      brokers: ['127.0.0.1:9092'],
      redis: { url: 'redis://127.0.0.1:6379' },
      topics: { ticketEvents: 'tickets.events', ticketsPrioritized: 'tickets.prioritized', timerState: 'sla.timer.state' },
      groups: { priority: 'sla-priority', timer: 'sla-timer' },
      timerPrefix: 'sla:timer:',
    });
    const named = readPartitionsGrowOptions(['--to=12'], { TOPIC_TIMER_STATE: 'x.state', TIMER_GROUP_ID: 'g', TIMER_REDIS_PREFIX: 'x:timer:' });
    expect([named.to, named.topics.timerState, named.groups.timer, named.timerPrefix]).toEqual([12, 'x.state', 'g', 'x:timer:']);
  });

  it.each([[[]], [['--to', '0']], [['--to', '1001']], [['--to', 'six']], [['--to', '6', 'extra']]])('refuses %j as a usage error', (args) => {
    expect(() => readPartitionsGrowOptions(args, {})).toThrow(expect.objectContaining({ code: 'CLI.USAGE' }));
  });

  it('refuses an empty timer prefix (it would delete every key)', () => {
    expect(() => readPartitionsGrowOptions(['--to', '6'], { TIMER_REDIS_PREFIX: '' })).toThrow(ConfigError);
  });
});
