import { RoundsInFlight } from './rounds-in-flight';
import { WakePlan } from './wake-plan';
import { fireFrom, type WakeUpParts } from './wake-up';

const T0 = 5_000_000;
const P = 0;

/**
 * A partition whose due index holds `instants`, on fakes, in virtual time: each round of the
 * wake-up is recorded with the clock when it started, and ends only when the spec says so.
 */
function partition(instants: number[]) {
  const rounds: { by: number; startedAt: number; end: (error?: Error) => void; ended: boolean }[] = [];
  const jobs: number[] = [];
  const parts: WakeUpParts = {
    keeper: {
      wake: (_p, _t, by) =>
        new Promise<boolean>((resolve, reject) => {
          const round = { by, startedAt: Date.now(), ended: false, end: (error?: Error) => ((round.ended = true), error ? reject(error) : resolve(true)) };
          rounds.push(round);
        }),
    },
    store: { firstDueAfter: async (_p, after) => instants.find((at) => at > after) ?? null },
    timers: {
      plan: new WakePlan(),
      wakeBy: async (_p, at) => {
        jobs.push(at);
      },
    },
    batchSize: 100,
    fired: () => undefined,
  };
  const scope = { partition: P, token: 't', stopped: new AbortController().signal };
  return { parts, scope, rounds, jobs };
}

describe('a wake-up going on to its partition’s next instants, in virtual time', () => {
  beforeEach(() => jest.useFakeTimers({ now: T0 }));
  afterEach(() => jest.useRealTimers());

  it('given a round still publishing, starts the next one at its own instant rather than behind it', async () => {
    const w = partition([T0 + 30, T0 + 60]);
    let done = false;
    const waking = fireFrom(w.parts, w.scope, T0).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(60);
    expect(w.rounds.map((r) => [r.by - T0, r.startedAt - T0, r.ended])).toEqual([
      [0, 0, false],
      [30, 30, false],
      [60, 60, false],
    ]);
    w.rounds[1].end();
    w.rounds[2].end();
    await jest.advanceTimersByTimeAsync(0);
    expect(done).toBe(false); // the first round has not ended: neither has the wake-up
    w.rounds[0].end();
    await waking;
    expect(w.jobs).toEqual([]); // nothing left to a job: no instant after the last
  });

  it('given a round that fails, fails once every round has ended, so that its job runs again', async () => {
    const w = partition([T0 + 30]);
    let outcome: unknown = 'pending';
    const waking = fireFrom(w.parts, w.scope, T0).then(
      () => (outcome = 'resolved'),
      (error: Error) => (outcome = error.message),
    );
    await jest.advanceTimersByTimeAsync(30);
    w.rounds[0].end(new Error('broker away'));
    await jest.advanceTimersByTimeAsync(0);
    expect(outcome).toBe('pending'); // the second round is still publishing
    w.rounds[1].end();
    await waking;
    expect(outcome).toBe('broker away');
  });
});

describe('RoundsInFlight', () => {
  it('makes room only once fewer than its bound run', async () => {
    const rounds = new RoundsInFlight(2);
    const ends: (() => void)[] = [];
    for (let i = 0; i < 2; i++) rounds.add(new Promise<void>((resolve) => ends.push(resolve)));
    let roomy = false;
    const room = rounds.room().then(() => (roomy = true));
    await Promise.resolve();
    expect(roomy).toBe(false);
    ends[1]();
    await room;
    expect(roomy).toBe(true);
  });

  it('keeps the first failure for check, and leaves no rejection unhandled', async () => {
    const rounds = new RoundsInFlight(4);
    rounds.add(Promise.reject(new Error('first')));
    rounds.add(Promise.reject(new Error('second')));
    await rounds.ended();
    expect(() => rounds.check()).toThrow('first');
  });
});
