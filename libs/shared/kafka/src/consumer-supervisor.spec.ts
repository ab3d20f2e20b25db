import { ConsumerSupervisor, type SupervisedConsumer } from './consumer-supervisor';

/** A consumer whose state the test sets, and a replacement that brings it back when told to. */
function watched(comesBack = true) {
  const state = { fatalCrash: null as string | null, outSince: null as number | null };
  const consumer: SupervisedConsumer = {
    get fatalCrash() {
      return state.fatalCrash;
    },
    outOfGroupForMs: (now) => (state.outSince === null ? null : now - state.outSince),
  };
  const replaced: string[] = [];
  const supervisor = new ConsumerSupervisor(
    consumer,
    async (reason) => {
      replaced.push(reason);
      state.fatalCrash = null;
      if (comesBack) state.outSince = null;
    },
    { reviveAfterMs: 90_000, maxPauseMs: 300_000 },
  );
  return { state, supervisor, replaced };
}

describe('the consumer supervisor', () => {
  it('leaves alone a consumer in its group, and one rejoining within the allowed time', async () => {
    const { state, supervisor, replaced } = watched();
    expect(await supervisor.check(1_000)).toBe(false);
    state.outSince = 10_000; // a broker outage, a rebalance
    expect(await supervisor.check(99_999)).toBe(false);
    state.outSince = null;
    expect(await supervisor.check(200_000)).toBe(false);
    expect(replaced).toEqual([]);
  });

  it('replaces a consumer that kafkajs stopped for good, at once', async () => {
    const { state, supervisor, replaced } = watched();
    state.fatalCrash = "TypeError: Cannot read properties of null (reading 'brokers')";
    expect(await supervisor.check(5_000)).toBe(true);
    expect(replaced).toEqual(["kafkajs stopped it for good: TypeError: Cannot read properties of null (reading 'brokers')"]);
  });

  it('replaces a consumer out of its group past the allowed time', async () => {
    const { state, supervisor, replaced } = watched();
    state.outSince = 10_000;
    expect(await supervisor.check(100_000)).toBe(true);
    expect(replaced).toEqual(['out of its consumer group for 90 s']);
  });

  it('while the consumer stays out (a long outage), tries again after pauses that double, up to the longest', async () => {
    const { state, supervisor, replaced } = watched(false);
    state.outSince = 0;
    const replacedAt: number[] = [];
    for (let now = 90_000; now <= 1_500_000; now += 5_000) if (await supervisor.check(now)) replacedAt.push(now);
    expect(replacedAt).toEqual([90_000, 180_000, 360_000, 660_000, 960_000, 1_260_000]); // pauses 90, 180, then 300 s
    expect(replaced).toHaveLength(6);
  });

  it('starts counting afresh once the consumer is back in its group', async () => {
    const { state, supervisor, replaced } = watched(false);
    state.outSince = 0;
    await supervisor.check(90_000);
    await supervisor.check(180_000); // pauses now 180 s
    state.outSince = null;
    await supervisor.check(200_000);
    state.outSince = 300_000;
    expect(await supervisor.check(390_000)).toBe(true);
    expect(replaced).toHaveLength(3);
  });

  it('tries again later when a replacement fails (the broker still away)', async () => {
    const { state } = watched();
    state.outSince = 0;
    let attempts = 0;
    const failing = new ConsumerSupervisor(
      { fatalCrash: null, outOfGroupForMs: (now) => now - (state.outSince ?? now) },
      async () => {
        attempts += 1;
        throw new Error('connect ECONNREFUSED');
      },
      { reviveAfterMs: 90_000 },
    );
    await expect(failing.check(90_000)).rejects.toThrow('ECONNREFUSED');
    expect(await failing.check(95_000)).toBe(false);
    await expect(failing.check(180_000)).rejects.toThrow('ECONNREFUSED');
    expect(attempts).toBe(2);
  });

  describe('with the service\'s broker watch', () => {
    const broker = { reachability: { reachable: false, since: 0, detail: '' } };
    const watchedWithBroker = () => {
      let outSince: number | null = 0;
      let fatalCrash: string | null = null;
      const replacedAt: number[] = [];
      const supervisor = new ConsumerSupervisor(
        { get fatalCrash() { return fatalCrash; }, outOfGroupForMs: (now) => (outSince === null ? null : now - outSince) },
        async () => {
          replacedAt.push(Date.now());
          fatalCrash = null;
          outSince = null;
        },
        { reviveAfterMs: 90_000, rejoinMs: 60_000, broker },
      );
      return { supervisor, crash: (why: string) => (fatalCrash = why), replacedAt };
    };

    it('replaces nothing while no broker answers: kafkajs keeps trying through an outage by itself', async () => {
      broker.reachability = { reachable: false, since: 0, detail: 'connect ECONNREFUSED' };
      const { supervisor, crash } = watchedWithBroker();
      expect(await supervisor.check(600_000)).toBe(false);
      crash('KafkaJSNonRetriableError');
      expect(await supervisor.check(605_000)).toBe(false);
    });

    it('gives a consumer out of its group the time to rejoin once the broker is back, then replaces it', async () => {
      broker.reachability = { reachable: true, since: 300_000, detail: '1 broker answered' }; // down from 0 to 300 s
      const { supervisor } = watchedWithBroker();
      expect(await supervisor.check(355_000)).toBe(false);
      expect(await supervisor.check(360_000)).toBe(true);
    });

    it('replaces a consumer kafkajs gave up as soon as a broker answers', async () => {
      broker.reachability = { reachable: true, since: 300_000, detail: '1 broker answered' };
      const { supervisor, crash } = watchedWithBroker();
      crash('TypeError');
      expect(await supervisor.check(300_001)).toBe(true);
    });
  });
});
