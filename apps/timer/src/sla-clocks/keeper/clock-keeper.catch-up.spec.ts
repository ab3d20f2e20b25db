import { event, keeperWorld as world, T0 } from '../testing/keeper-world';

describe('catch-ups of the clock keeper side by side, in virtual time', () => {
  it('publishes the alerts of every partition catching up before the bookkeeping of any: one partition\'s last alert never waits on another\'s records', async () => {
    const w = world();
    const open = (id: string) => event(id, 'ticket.opened', T0, { impact: 1, urgency: 1 });
    for (const [p, n] of [[0, 8], [1, 40]] as const) {
      await w.store.claim(p, 'me');
      await w.store.restore(p, 'me', []);
      await w.keeper.applyEvents(p, 'me', Array.from({ length: n }, (_, i) => open(`P${p}-${i}`)));
    }
    const sends: string[] = [];
    const publish = w.outbox.publish.bind(w.outbox);
    jest.spyOn(w.outbox, 'publish').mockImplementation(async (p, published, changelog) => {
      sends.push(`${p}:${published.length > 0 ? 'alerts' : ''}${changelog.length > 0 ? 'records' : ''}`);
      return publish(p, published, changelog);
    });
    w.clock.now = T0 + 1_000; // every ticket's response 50 % fell due while no worker ran
    expect(await Promise.all([w.keeper.catchUp(0, 'me', 4), w.keeper.catchUp(1, 'me', 4)])).toEqual([8, 40]);
    expect(w.outbox.notifications).toHaveLength(48);
    const alerts = sends.filter((s) => s.endsWith(':alerts')).length;
    expect(new Set(sends.slice(0, alerts))).toEqual(new Set(['0:alerts', '1:alerts'])); // alerts alone, first
    expect(new Set(sends.slice(alerts))).toEqual(new Set(['0:records', '1:records'])); // then the records
  });
});
