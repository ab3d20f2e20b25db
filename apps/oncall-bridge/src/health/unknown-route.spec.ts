import { BridgeTestBed } from '../testing/bridge-test-bed';

jest.setTimeout(60_000);

describe('HTTP errors of the on-call bridge', () => {
  let bed: BridgeTestBed;

  afterAll(async () => {
    await bed?.cleanup();
  });

  it('answers an unknown route with 404 problem+json, echoing a bounded, printable path', async () => {
    bed = await BridgeTestBed.create();
    const url = await bed.startBridge({ BRIDGE_FORMAT: 'alertmanager' });

    const answer = await fetch(`${url}/admin/${'a'.repeat(5_000)}`);

    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const body = (await answer.json()) as Record<string, string>;
    expect(body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404 });
    expect(Array.from(body.instance)).toHaveLength(256);
  });
});
