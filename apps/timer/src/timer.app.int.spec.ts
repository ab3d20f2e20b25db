import { DEFAULT_PARTITIONS } from '@stageplus/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { TimerHarness } from './testing/timer-harness';
import { createTimerApp, timerService } from './timer.app';

describe('creating the timer on the service skeleton', () => {
  afterEach(() => jest.restoreAllMocks());

  it('given a changelog with fewer partitions than its input, then it refuses to start, naming both, and its stop closes what the half-done prepare opened', async () => {
    const { config } = new TimerHarness({ LOG_LEVEL: 'silent' }); // unique topics, queue, group and prefix; not started
    const { ticketsPrioritized: input, timerState } = config.topics;
    const admin = new Kafka({ clientId: 'timer-app-spec', brokers: [...config.kafkaBrokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: timerState, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const stop = jest.spyOn(timerService, 'stop');

    await expect(createTimerApp(config)).rejects.toThrow(`${timerState} has 1 partitions, ${input} ${config.kafkaPartitions ?? DEFAULT_PARTITIONS}: they must match`);
    // The skeleton closes the app on a failed prepare, which runs stop once: it must not throw.
    expect(stop).toHaveBeenCalledTimes(1);
    await expect(stop.mock.results[0].value).resolves.toBeUndefined();
  });
});
