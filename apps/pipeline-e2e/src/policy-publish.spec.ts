import { brief, FAST_POLICY_PATH, testBrokers, ticketEvents as ticket, waitUntil } from '@stageplus/testing';
import { Pipeline } from './testing/pipeline';
import { policyCommand, policyFile } from './testing/sla-commands';

jest.setTimeout(120_000);

describe('a policy version published while intake, priority and timer run (real broker, services as processes)', () => {
  const pipeline = new Pipeline(FAST_POLICY_PATH);
  beforeAll(() => pipeline.start(), 120_000);
  afterAll(() => pipeline.stop());

  const publish = (file: string) =>
    policyCommand(['publish', file], { KAFKA_BROKERS: testBrokers().kafkaBrokers.join(','), TOPIC_SLA_POLICY: pipeline.topics.policy, TOPIC_SLA_POLICY_STATUS: pipeline.topics.policyStatus });
  const readiness = async (service: 'intake' | 'priority' | 'timer') =>
    ((await (await fetch(`${pipeline.url(service)}/health/ready`)).json()) as { checks: { policy?: { detail?: string } } }).checks.policy?.detail;
  let v2Fix = '';
  const sla = async (ticketId: string) => {
    const response = await fetch(`${pipeline.url('timer')}/v1/tenants/tenant-a/tickets/${ticketId}/sla`, { headers: { authorization: `Bearer ${pipeline.apiKey}` } });
    return response.status === 200 ? ((await response.json()) as { policyVersion: string; clocks: { response: { targetMs: number }; resolution: { dueAt: unknown } } }) : undefined;
  };

  it('goes live without a restart: the command returns once the three services hold it, a ticket opened after takes it, one opened before keeps its version', async () => {
    expect(await readiness('timer')).toBe('version test-fast-24x7 in force, history of 1 version');
    const before = ticket('tenant-a');
    await pipeline.postOk(before.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
    await waitUntil(() => sla(before.ticketId), 20_000, 'the first ticket in the timer');

    const published = await publish(policyFile('test-fast-v2', { p1: 'response: PT3S, resolution: PT6S', p4: 'response: PT60S, resolution: PT120S' }));
    expect(published).toEqual({ code: 0, stdout: expect.stringMatching(/published test-fast-v2[\s\S]*test-fast-v2 held by intake:\S+, priority:\S+, timer:\S+\n$/), stderr: '' });
    for (const service of ['intake', 'priority', 'timer'] as const) {
      expect(await readiness(service)).toBe('version test-fast-v2 in force, history of 2 versions');
    }

    const after = ticket('tenant-a');
    await pipeline.postOk(after.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
    const taken = await waitUntil(() => sla(after.ticketId), 20_000, 'the second ticket in the timer');
    expect([taken.policyVersion, taken.clocks.response.targetMs]).toEqual(['test-fast-v2', 3_000]);
    const kept = await sla(before.ticketId);
    expect([kept?.policyVersion, kept?.clocks.response.targetMs]).toEqual(['test-fast-24x7', 2_000]);
  });

  it('given a correction that moves the response of a running ticket earlier, the timer decides it again at once: what fell before now fires at once, late', async () => {
    const slow = ticket('tenant-a');
    const openedAt = Date.now() - 10_000; // under the correction, its whole response clock lies in the past
    await pipeline.postOk(slow.event('ticket.opened', openedAt, { impact: 4, urgency: 4 })); // P4 under v2: response 60 s
    await waitUntil(() => sla(slow.ticketId), 20_000, 'the P4 ticket in the timer');

    const fix = (v2Fix = policyFile('test-fast-v2-fix', { p1: 'response: PT3S, resolution: PT6S', p4: 'response: PT2S, resolution: PT120S' }, 'test-fast-v2'));
    expect(await publish(fix)).toMatchObject({ code: 0, stdout: expect.stringMatching(/test-fast-v2-fix held by intake:\S+, priority:\S+, timer:\S+/) });

    await pipeline.recorder.waitFor(() => pipeline.fired(slow.ticketId).filter((m) => brief(m).startsWith('response:')).length === 4, 15_000);
    const response = pipeline.fired(slow.ticketId).filter((m) => brief(m).startsWith('response:'));
    expect(response.map(brief).sort()).toEqual(['response:100:late', 'response:150:late', 'response:50:late', 'response:75:late']);
    expect(response.every((m) => m.receivedAt - openedAt < 30_000)).toBe(true); // v2 alone would fire its 50 % at 30 s
    expect((await sla(slow.ticketId))?.policyVersion).toBe('test-fast-v2-fix');
  });

  it('sla policy diff, run against the running timer before a correction, names the open ticket and the move that publishing then makes', async () => {
    const open = ticket('tenant-a');
    await pipeline.postOk(open.event('ticket.opened', Date.now(), { impact: 4, urgency: 4 })); // P4 under v2-fix: resolution 120 s
    const before = await waitUntil(() => sla(open.ticketId), 20_000, 'the P4 ticket in the timer');
    const fix2 = policyFile('test-fast-v2-fix2', { p1: 'response: PT3S, resolution: PT6S', p4: 'response: PT2S, resolution: PT180S' }, 'test-fast-v2-fix');

    const diff = await policyCommand(['diff', v2Fix, fix2, '--timer', pipeline.url('timer'), '--key', pipeline.apiKey, '--tenant', 'tenant-a', '--json'], {});
    expect(diff).toMatchObject({ code: 0, stderr: '' });
    const lines = diff.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; ticketId?: string; clock?: string; oldDueAt?: string; newDueAt?: string; deltaMs?: number });
    const move = lines.find((l) => l.type === 'move' && l.ticketId === open.ticketId);
    expect(move).toMatchObject({ clock: 'resolution', deltaMs: 60_000 });
    expect(lines.some((l) => l.type === 'move' && l.ticketId === open.ticketId && l.clock === 'response')).toBe(false); // response unchanged
    expect(lines.at(-1)).toMatchObject({ type: 'summary' });

    expect(await publish(fix2)).toMatchObject({ code: 0 });
    const after = await waitUntil(async () => {
      const view = await sla(open.ticketId);
      return view?.policyVersion === 'test-fast-v2-fix2' ? view : undefined;
    }, 10_000, 'the ticket decided again under the correction');
    const iso = (v: unknown) => new Date(v as string | number).toISOString();
    expect([iso(before.clocks.resolution.dueAt), iso(after.clocks.resolution.dueAt)]).toEqual([move?.oldDueAt, move?.newDueAt]);
  });
});
