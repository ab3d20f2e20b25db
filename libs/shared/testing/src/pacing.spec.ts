import { atInstant, pace } from './pacing';

describe('the pace of a load', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  const settled = async (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    await Promise.resolve();
    return () => done;
  };

  it('pace(ms) resolves once ms have passed, and at once when ms is not positive', async () => {
    const later = await settled(pace(250));
    jest.advanceTimersByTime(249);
    await Promise.resolve();
    expect(later()).toBe(false);
    jest.advanceTimersByTime(1);
    await Promise.resolve();
    expect(later()).toBe(true);
    expect((await settled(pace(-5)))()).toBe(true);
  });

  it('atInstant(t) resolves when the clock reaches t, and at once for an instant already past', async () => {
    const later = await settled(atInstant(1_000_500));
    jest.advanceTimersByTime(499);
    await Promise.resolve();
    expect(later()).toBe(false);
    jest.advanceTimersByTime(1);
    await Promise.resolve();
    expect(later()).toBe(true);
    expect((await settled(atInstant(999_000)))()).toBe(true);
  });
});
