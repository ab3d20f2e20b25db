import { FOLLOW_FOR_MS, FOLLOW_ON_MS, followOn, untilInstant } from './follow-on';

describe('followOn: what a wake-up does about its partition’s next instant', () => {
  const started = 1_000_000;

  it('waits for an instant up to FOLLOW_ON_MS away, and leaves a later one to a job', () => {
    expect(followOn(started + FOLLOW_ON_MS, started, started)).toBe('wait');
    expect(followOn(started + FOLLOW_ON_MS + 1, started, started)).toBe('job');
  });

  it('fires an instant already passed at once (behind)', () => {
    expect(followOn(started + 5, started + 20, started)).toBe('now');
  });

  it('hands over to a job once it has gone on for FOLLOW_FOR_MS, however close the next instant', () => {
    const now = started + FOLLOW_FOR_MS;
    expect(followOn(now + 1, now - 1, started)).toBe('wait');
    expect(followOn(now + 1, now, started)).toBe('job');
    expect(followOn(now - 1, now, started)).toBe('job');
  });
});

describe('untilInstant', () => {
  beforeEach(() => jest.useFakeTimers({ now: 5_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('resolves true when the clock reads the instant, not before', async () => {
    let result: boolean | undefined;
    void untilInstant(Date.now() + 500, new AbortController().signal).then((r) => (result = r));
    await jest.advanceTimersByTimeAsync(499);
    expect(result).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(result).toBe(true);
  });

  it('resolves false as soon as its worker stops, leaving no timer behind', async () => {
    const stopped = new AbortController();
    let result: boolean | undefined;
    void untilInstant(Date.now() + 900, stopped.signal).then((r) => (result = r));
    await jest.advanceTimersByTimeAsync(100);
    stopped.abort();
    await jest.advanceTimersByTimeAsync(0);
    expect(result).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('resolves false at once when already stopped, even for an instant passed', async () => {
    const stopped = new AbortController();
    stopped.abort();
    await expect(untilInstant(Date.now() - 1, stopped.signal)).resolves.toBe(false);
  });
});
