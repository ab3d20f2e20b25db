import { PriorityTestBed } from '../testing/priority-test-bed';

jest.setTimeout(60_000);

describe('HTTP errors of the priority service', () => {
  let bed: PriorityTestBed;

  afterAll(async () => {
    await bed?.cleanup();
  });

  it('answers an unknown route with 404 problem+json, echoing a bounded, printable path', async () => {
    bed = await PriorityTestBed.create();
    const app = await bed.startApp();

    const answer = await fetch(`${await app.getUrl()}/v1/tenants/x/tickets/a%00b${'a'.repeat(5_000)}/sla`);

    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const body = (await answer.json()) as Record<string, string>;
    expect(body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404 });
    expect(Array.from(body.instance)).toHaveLength(256);
    expect(Array.from(body.detail).length).toBeLessThanOrEqual(256);
  });
});
