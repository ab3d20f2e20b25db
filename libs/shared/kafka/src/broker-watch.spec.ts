import { createServer, type Server } from 'node:net';
import { BrokerWatch } from './broker-watch';

// This lib sits below the shared testing helpers (which use it), so the spec brings its own.
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

async function eventually(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the broker watch', () => {
  const watches: BrokerWatch[] = [];
  const watch = (brokers: string[], timeoutMs = 1_500) => {
    const w = new BrokerWatch({ brokers, clientId: 'broker-watch-spec', intervalMs: 200, timeoutMs });
    watches.push(w);
    return w;
  };
  afterEach(async () => {
    await Promise.all(watches.splice(0).map((w) => w.stop()));
  });

  it('says reachable once a broker answered its first probe, naming how many answered', async () => {
    const w = watch(brokers);
    await w.start();
    expect(w.reachability).toMatchObject({ reachable: true, detail: '1 broker answered' });
  });

  it('finds the broker that answers when the first of the list is down (a cluster with a node lost)', async () => {
    const w = watch(['127.0.0.1:1', ...brokers]);
    await w.start();
    expect(w.reachability).toMatchObject({ reachable: true });
    w.report('a send failed');
    await eventually(() => w.reachable, 5_000);
  });

  it('says unreachable, with the error, when nothing listens', async () => {
    const w = watch(['127.0.0.1:1']);
    await w.start();
    expect(w.reachability).toMatchObject({ reachable: false, detail: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('gives up on a broker that accepts the connection but never answers, after its deadline', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const w = watch([`127.0.0.1:${port}`], 300);
      const started = Date.now();
      await w.start();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(w.reachability).toMatchObject({ reachable: false, detail: 'no broker answered within 300 ms' });
    } finally {
      silent.close();
    }
  });

  it('counts a reported failure at once, then believes the next probe', async () => {
    const w = watch(brokers);
    await w.start();
    w.report('a send failed: Connection error');
    expect(w.reachability).toMatchObject({ reachable: false, detail: 'a send failed: Connection error' });
    await eventually(() => w.reachable, 5_000);
  });
});
