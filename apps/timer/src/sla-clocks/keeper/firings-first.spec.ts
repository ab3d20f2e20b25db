import { FiringsFirst } from './firings-first';

describe('firings first', () => {
  afterEach(() => jest.useRealTimers());

  it('lets events through at once when no firing is in flight', () => {
    expect(new FiringsFirst().clear()).toBeUndefined();
  });

  it('holds events back until the firings in flight are done', async () => {
    const gate = new FiringsFirst(60_000);
    const ends: (() => void)[] = [];
    const firing = () => gate.during(() => new Promise<void>((end) => ends.push(end)));
    const [one, two] = [firing(), firing()];
    let through = false;
    const waiting = (gate.clear() as Promise<void>).then(() => (through = true));
    ends[0]();
    await one;
    expect(through).toBe(false); // the second is still in flight
    ends[1]();
    await Promise.all([two, waiting]);
    expect(through).toBe(true);
    expect(gate.clear()).toBeUndefined();
  });

  it('holds them back no longer than its bound, so a stream of firings slows events without stopping them', async () => {
    jest.useFakeTimers();
    const gate = new FiringsFirst(25);
    void gate.during(() => new Promise<void>(() => undefined)); // never done
    let through = false;
    const waiting = (gate.clear() as Promise<void>).then(() => (through = true));
    await jest.advanceTimersByTimeAsync(24);
    expect(through).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await waiting;
    expect(through).toBe(true);
  });

  it('lets a firing that fails end its hold all the same', async () => {
    const gate = new FiringsFirst(60_000);
    let fail!: (error: Error) => void;
    const firing = gate.during(() => new Promise<void>((_, reject) => (fail = reject)));
    const waiting = gate.clear() as Promise<void>;
    fail(new Error('broker away'));
    await expect(firing).rejects.toThrow('broker away');
    await expect(waiting).resolves.toBeUndefined();
  });
});
