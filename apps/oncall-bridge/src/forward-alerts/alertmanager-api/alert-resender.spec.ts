import type { AttemptOutcome } from '../retry-policy';
import { MemoryActiveAlerts } from './active-alerts';
import { AlertResender, type ResendDestination } from './alert-resender';
import type { ActiveAlert } from './postable-alerts';

const alert = (ticket: string): ActiveAlert => ({
  labels: { alertname: 'SlaResponseAtRisk', tenant: 't', ticket, clock: 'response', severity: 'info', level: '1', priority: 'P2', plan: 'PLUS' },
  annotations: { summary: ticket },
  startsAt: '2026-06-16T14:10:00.000Z',
  generatorURL: `http://sla.test/${ticket}`,
});

/** Leases as the ledger does: refused while an event of the alert is being sent. */
class FakeLedger {
  readonly busy = new Set<string>();
  released = 0;
  async lease(alertKey: string): Promise<boolean> {
    return !this.busy.has(alertKey);
  }
  async release(): Promise<void> {
    this.released++;
  }
}

class RecordingPeer {
  readonly bodies: ActiveAlert[][] = [];
  answer: AttemptOutcome = { kind: 'delivered', status: 200 };
  constructor(readonly url: string) {}
  async post(body: unknown): Promise<AttemptOutcome> {
    this.bodies.push(body as ActiveAlert[]);
    return this.answer;
  }
}

describe('re-sending the active alerts to Alertmanager', () => {
  const setUp = () => {
    const store = new MemoryActiveAlerts();
    const ledger = new FakeLedger();
    const peers = [new RecordingPeer('http://am-1'), new RecordingPeer('http://am-2')];
    const failures: string[] = [];
    const destination: ResendDestination = { name: 'ops', store, ledger, peers };
    const resender = new AlertResender([destination], 60_000, { resent: (_d, url, _n, failure) => failure && failures.push(`${url}: ${failure}`) });
    return { store, ledger, peers, resender, failures };
  };

  afterEach(() => jest.useRealTimers());

  it('posts every active alert to every Alertmanager, and releases what it leased', async () => {
    const { store, ledger, peers, resender } = setUp();
    await store.put('t:T-1:response', alert('T-1'));
    await store.put('t:T-2:response', alert('T-2'));
    await resender.resendAll();
    expect(peers.map((p) => p.bodies.map((b) => b.map((a) => a.labels.ticket)))).toEqual([[['T-1', 'T-2']], [['T-1', 'T-2']]]);
    expect(ledger.released).toBe(2);
  });

  it('leaves out an alert whose event is being sent: that event posts its state', async () => {
    const { store, ledger, peers, resender } = setUp();
    await store.put('t:T-1:response', alert('T-1'));
    await store.put('t:T-2:response', alert('T-2'));
    ledger.busy.add('t:T-1:response');
    await resender.resendAll();
    expect(peers[0].bodies).toEqual([[alert('T-2')]]);
  });

  it('posts nothing when nothing is active, and reports a failing Alertmanager for the next round to retry', async () => {
    const { store, peers, resender, failures } = setUp();
    await resender.resendAll();
    expect(peers[0].bodies).toHaveLength(0);
    await store.put('t:T-1:response', alert('T-1'));
    peers[1].answer = { kind: 'retry', reason: 'ECONNREFUSED' };
    await resender.resendAll();
    expect(failures).toEqual(['http://am-2: ECONNREFUSED']);
  });

  it('runs a round at start, then one every interval, until stopped', async () => {
    jest.useFakeTimers();
    const { store, peers, resender } = setUp();
    await store.put('t:T-1:response', alert('T-1'));
    resender.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(peers[0].bodies).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(59_999);
    expect(peers[0].bodies).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(peers[0].bodies).toHaveLength(2);
    await resender.stop();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(peers[0].bodies).toHaveLength(2);
  });
});
