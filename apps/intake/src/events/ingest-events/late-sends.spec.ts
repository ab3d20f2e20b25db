import { LateSends } from './late-sends';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ([resolve, reject] = [res, rej]));
  return { promise, resolve, reject };
}

describe('sends that outlived their request', () => {
  let now = 0;
  const clock = () => now;

  it('know nothing of events never sent late: everything is to send', async () => {
    expect(await new LateSends(clock).earlier(['a', 'b'], 10)).toEqual({ landed: new Set(), stillRunning: false });
  });

  it('make a resend wait for the earlier send, and count what it wrote as done', async () => {
    const late = new LateSends(clock);
    const send = deferred();
    late.track(['a', 'b'], send.promise);
    const waiting = late.earlier(['b', 'c'], 5_000);
    send.resolve();
    expect(await waiting).toEqual({ landed: new Set(['b']), stillRunning: false });
  });

  it('say the earlier send still runs when it outlasts the wait: the resend must not send', async () => {
    const late = new LateSends(clock);
    late.track(['a'], deferred().promise);
    expect(await late.earlier(['a'], 20)).toEqual({ landed: new Set(), stillRunning: true });
  });

  it('forget a send that failed: its events are sent again', async () => {
    const late = new LateSends(clock);
    const send = deferred();
    late.track(['a'], send.promise);
    send.reject(new Error('no broker'));
    expect(await late.earlier(['a'], 1_000)).toEqual({ landed: new Set(), stillRunning: false });
  });

  it('remember landed events for a while and within a bound, the oldest forgotten first', async () => {
    const late = new LateSends(clock, { maxRemembered: 2, rememberMs: 1_000 });
    for (const key of ['a', 'b', 'c']) late.track([key], Promise.resolve());
    await new Promise((resolve) => setImmediate(resolve));
    expect((await late.earlier(['a', 'b', 'c'], 10)).landed).toEqual(new Set(['b', 'c']));
    now = 1_000;
    expect((await late.earlier(['b', 'c'], 10)).landed).toEqual(new Set());
  });
});
