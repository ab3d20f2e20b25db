import type { AttemptOutcome } from '../retry-policy';
import { AlertmanagerCluster, type AlertmanagerPeer } from './alertmanager-cluster';

/** An Alertmanager that answers what it is told to, and counts the posts it got. */
class FakePeer implements AlertmanagerPeer {
  posts = 0;
  constructor(
    readonly url: string,
    public answer: AttemptOutcome,
  ) {}
  async post(): Promise<AttemptOutcome> {
    this.posts++;
    return this.answer;
  }
}

const OK: AttemptOutcome = { kind: 'delivered', status: 200 };
const DOWN: AttemptOutcome = { kind: 'retry', reason: 'ECONNREFUSED' };
const REFUSED: AttemptOutcome = { kind: 'rejected', status: 400, reason: 'HTTP 400' };

describe('posting to the Alertmanagers of an HA cluster', () => {
  let now = 0;
  const clusterOf = (...peers: FakePeer[]) => new AlertmanagerCluster(peers, 60_000, () => now);

  beforeEach(() => {
    now = 0;
  });

  it('delivers once every Alertmanager took the event', async () => {
    const [a, b] = [new FakePeer('http://am-1', OK), new FakePeer('http://am-2', OK)];
    expect(await clusterOf(a, b).post([], 'e1')).toEqual(OK);
    expect([a.posts, b.posts]).toEqual([1, 1]);
  });

  it('retries only the Alertmanager that failed, until it takes the event', async () => {
    const [a, b] = [new FakePeer('http://am-1', OK), new FakePeer('http://am-2', DOWN)];
    const cluster = clusterOf(a, b);
    expect(await cluster.post([], 'e1')).toEqual({ kind: 'retry', reason: 'http://am-2: ECONNREFUSED' });
    b.answer = OK;
    now = 1_000;
    expect(await cluster.post([], 'e1')).toEqual(OK);
    expect([a.posts, b.posts]).toEqual([1, 2]);
  });

  it('counts the event delivered when one member took it and the other kept failing for the grace: the re-sends catch it up', async () => {
    const [a, b] = [new FakePeer('http://am-1', OK), new FakePeer('http://am-2', DOWN)];
    const cluster = clusterOf(a, b);
    expect((await cluster.post([], 'e1')).kind).toBe('retry');
    now = 60_000;
    expect(await cluster.post([], 'e1')).toEqual(OK);
  });

  it('keeps retrying, past the grace, while no member took the event', async () => {
    const cluster = clusterOf(new FakePeer('http://am-1', DOWN), new FakePeer('http://am-2', DOWN));
    now = 10 * 60_000;
    expect((await cluster.post([], 'e1')).kind).toBe('retry');
  });

  it('is refused when every member refused it, and delivered when one took what another refused', async () => {
    expect(await clusterOf(new FakePeer('http://am-1', REFUSED), new FakePeer('http://am-2', REFUSED)).post([], 'e1')).toEqual({
      kind: 'rejected',
      status: 400,
      reason: 'http://am-1: HTTP 400; http://am-2: HTTP 400',
    });
    expect(await clusterOf(new FakePeer('http://am-1', REFUSED), new FakePeer('http://am-2', OK)).post([], 'e2')).toEqual(OK);
  });

  it('waits as long as the longest Retry-After of the members that failed', async () => {
    const cluster = clusterOf(new FakePeer('http://am-1', { kind: 'retry', reason: 'HTTP 429', retryAfterMs: 3_000 }), new FakePeer('http://am-2', { kind: 'retry', reason: 'HTTP 503', retryAfterMs: 7_000 }));
    expect(await cluster.post([], 'e1')).toMatchObject({ kind: 'retry', retryAfterMs: 7_000 });
  });
});
