import { join } from 'node:path';
import type { TicketEvent } from '@stageplus/contracts';
import { replay, toKnownEvent, type TicketSla } from '@stageplus/sla-engine';
import { loadPolicyFile } from '@stageplus/sla-policy';
import { atInstant, brief, freePort, testBrokers, TopicRecorder, waitUntil, type RecordedMessage } from '@stageplus/testing';
import { expectLiveAsReplay } from './testing/live-as-replay';
import { Pipeline } from './testing/pipeline';
import { RequestTracker, type RequestTrackerTransaction } from './testing/request-tracker';

jest.setTimeout(180_000);

const POLICY = join(__dirname, 'testing/request-tracker-policy.yaml');
const iso = (ms: number) => new Date(ms).toISOString();

interface ClockView {
  status: string;
  dueAt: string | null;
  stoppedAt: string | null;
  stoppedBy: string | null;
  pauses: { from: string; to: string | null; reason: string }[];
}
interface SlaView {
  clocks: { response: ClockView; resolution: ClockView };
  fired: string[];
  history: { eventId: string; type: string; receivedAt: string }[];
}

describe('Request Tracker 5 through its webhook scrip: RT transactions in, SLA clocks out (RT from Debian, the services as processes)', () => {
  // POLICY_FILE for intake too: its matrix turns RT's priority into impact and urgency.
  const pipeline = new Pipeline(POLICY, {}, { POLICY_FILE: POLICY });
  let rt: RequestTracker;
  let delivered: TopicRecorder;

  beforeAll(async () => {
    const rtPort = await freePort();
    await pipeline.start();
    delivered = await new TopicRecorder(testBrokers().kafkaBrokers, [pipeline.topics.events]).start();
    rt = await new RequestTracker(rtPort).start({
      url: `${pipeline.url('intake')}/v1/webhooks/rt?tenant=tenant-a`,
      key: pipeline.apiKey,
    });
  }, 420_000);
  afterAll(async () => {
    await rt?.stop();
    await delivered?.stop();
    await pipeline.stop();
  });

  it('given a ticket created at priority 90, stalled 4 s, answered after its response target and resolved, the clocks are those the engine computes from what RT posted', async () => {
    // Response 10 s (thresholds at 5, 7.5, 10, 15 s); resolution 30 s (15, 22.5, ...) plus the stall.
    const ticket = await rt.createTicket({
      Queue: 'General',
      Subject: 'Imprimante du poste de garde hors service',
      Priority: 90,
      Requestor: 'customer@example.com',
      Content: 'The printer at the nurses station is down.',
      ContentType: 'text/plain',
    });
    // The scenario's timeline: each step at its offset from the creation RT recorded (to the
    // second), so the margins below hold whatever RT took to answer.
    const start = transaction(await rt.history(ticket), 'Create').createdAt;
    await atInstant(start + 2_500);
    await rt.update(ticket, { Status: 'stalled' });
    await atInstant(start + 6_500); // a stall of 4 s, recorded as 3 to 5
    await rt.update(ticket, { Status: 'open' });
    await atInstant(start + 12_500); // after the response breach (10 s), before its 150 % (15 s)
    await rt.correspond(ticket, 'A technician is on the way.');
    await atInstant(start + 23_000); // after resolution 50 % (15 s + the stall), before 75 % (22.5 s + the stall)
    await rt.update(ticket, { Status: 'resolved' });
    expect(await rt.webhookFailures()).toEqual([]);

    await delivered.waitFor((all) => all.some((m) => (m.value as TicketEvent).type === 'ticket.resolved'), 20_000);
    const events = delivered.of<TicketEvent>(pipeline.topics.events).map((m) => m.value);
    const ticketId = events[0].ticketId;
    expect(new Set(events.map((e) => e.ticketId))).toEqual(new Set([ticketId]));
    expect(new Set(events.map((e) => e.tenantId))).toEqual(new Set(['tenant-a']));
    const view = await waitUntil(() => slaOf(ticketId, (v) => v.history.some((h) => h.type === 'ticket.resolved')), 20_000, `the timer's clocks of ${ticketId} after its resolution`);

    // The live system against the engine: replay over the events RT's deliveries became, each
    // learnt when the timer learnt it.
    const learnt = new Map(view.history.map((h) => [h.eventId, Date.parse(h.receivedAt)]));
    const received = delivered.of<TicketEvent>(pipeline.topics.events);
    const replayed = replay(
      received.map((m: RecordedMessage<TicketEvent>, seq) => toKnownEvent(m.value, seq, learnt.get(m.value.eventId) ?? m.receivedAt)),
      { policy: loadPolicyFile(POLICY), until: Infinity },
    );
    await expectLiveAsReplay(pipeline, replayed);
    const engine = replayed.tickets.find((t) => t.ticketId === ticketId) as TicketSla;
    for (const name of ['response', 'resolution'] as const) {
      const clock = engine.clocks[name];
      expect(pick(view.clocks[name])).toEqual({
        status: clock.status,
        dueAt: iso(clock.dueAt as number),
        stoppedAt: clock.stop ? iso(clock.stop.at) : null,
        stoppedBy: clock.stop?.by ?? null,
        pauses: clock.pauses.map((p) => ({ from: iso(p.from), to: Number.isFinite(p.to) ? iso(p.to) : null })),
      });
    }

    // And against RT's own history: its transaction times are the clocks' instants.
    const history = await rt.history(ticket);
    const stalled = transaction(history, 'Status', 'stalled');
    const reopened = transaction(history, 'Status', 'open');
    const reply = transaction(history, 'Correspond');
    const resolved = transaction(history, 'Status', 'resolved');
    const created = transaction(history, 'Create');
    const { response, resolution } = view.clocks;
    expect(response).toMatchObject({ status: 'breached', stoppedBy: 'responded', stoppedAt: iso(reply.createdAt) });
    expect(resolution).toMatchObject({ status: 'met', stoppedBy: 'resolved', stoppedAt: iso(resolved.createdAt) });
    expect(resolution.pauses.map(({ from, to }) => ({ from, to }))).toEqual([{ from: iso(stalled.createdAt), to: iso(reopened.createdAt) }]);
    const stall = reopened.createdAt - stalled.createdAt;
    expect(resolution.dueAt).toBe(iso(created.createdAt + 30_000 + stall));
    const fired = pipeline.fired(ticketId);
    expect(fired.map(brief).sort()).toEqual(['resolution:50', 'response:100', 'response:50', 'response:75']);
    const resolution50 = fired.find((m) => brief(m) === 'resolution:50');
    expect(resolution50?.value.thresholdAt).toBe(iso(created.createdAt + 15_000 + stall));
    expect(view.fired).toEqual(expect.arrayContaining(['response:50', 'response:75', 'response:100', 'resolution:50']));
  });

  async function slaOf(ticketId: string, ready: (view: SlaView) => boolean): Promise<SlaView | undefined> {
    const response = await fetch(`${pipeline.url('timer')}/v1/tenants/tenant-a/tickets/${ticketId}/sla`, {
      headers: { authorization: `Bearer ${pipeline.apiKey}` },
    });
    if (response.status !== 200) return undefined;
    const view = (await response.json()) as SlaView;
    return ready(view) ? view : undefined;
  }
});

const pick = ({ status, dueAt, stoppedAt, stoppedBy, pauses }: ClockView) => ({
  status,
  dueAt,
  stoppedAt,
  stoppedBy,
  pauses: pauses.map(({ from, to }) => ({ from, to })),
});

function transaction(history: readonly RequestTrackerTransaction[], type: string, newValue?: string): RequestTrackerTransaction {
  const found = history.find((t) => t.type === type && (newValue === undefined || t.newValue === newValue));
  if (found === undefined) throw new Error(`RT's history has no ${type} ${newValue ?? ''}: ${JSON.stringify(history)}`);
  return found;
}
