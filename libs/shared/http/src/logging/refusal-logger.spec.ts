import type { ServerResponse } from 'node:http';
import { RefusalLogger, refusalLogged } from './refusal-logger';

const T0 = Date.parse('2026-11-29T10:00:00Z');

describe('the refusal logger', () => {
  let now: number;
  let lines: Record<string, unknown>[];
  let refusals: RefusalLogger;

  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
    now = T0;
    lines = [];
    refusals = new RefusalLogger({ warn: (line) => lines.push(line as Record<string, unknown>) }, { perKeyAndCode: 2, windowMs: 60_000 }, () => now);
  });

  afterEach(() => jest.useRealTimers());

  const refuse = (count: number, code = 'validation', keyId = 'ticketing-chus') => {
    for (let i = 0; i < count; i++) refusals.refused({ code, keyId }, { method: 'POST', path: '/v1/events', status: 400 });
  };

  it('writes the first refusals of a key and code at warn, then one summary when the window ends, from its timer', () => {
    refuse(5);
    refuse(3, 'unauthorized', 'none');
    expect(lines.map((l) => l.msg)).toEqual(['request refused', 'request refused', 'request refused', 'request refused']);
    expect(lines[0]).toMatchObject({ method: 'POST', path: '/v1/events', status: 400, code: 'validation', keyId: 'ticketing-chus' });

    now = T0 + 60_001;
    jest.advanceTimersByTime(60_001);

    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatchObject({
      msg: 'suppressed 4 refusals in 60 s: validation x 3, unauthorized x 1',
      suppressed: 4,
      from: '2026-11-29T10:00:00.000Z',
      to: '2026-11-29T10:01:00.000Z',
    });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('arms no timer while nothing is suppressed', () => {
    refuse(2);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('marks the response, so that the request logger does not log it a second time', () => {
    const response = {} as ServerResponse;
    refusals.refused({ code: 'http-404', keyId: 'none' }, {}, response);
    expect(refusalLogged(response)).toBe(true);
    expect(refusalLogged({})).toBe(false);
  });
});
