import { RefusalLog, type Refusal } from './refusal-log';

const T0 = Date.parse('2026-11-29T10:00:00Z');
const invalid = (keyId = 'ticketing-chus'): Refusal => ({ code: 'validation', keyId });
const noKey: Refusal = { code: 'unauthorized', keyId: 'none' };

/** Admits `count` refusals spread over the first `spreadMs` of a window starting at `from`. */
function flood(log: RefusalLog, refusal: Refusal, count: number, from: number, spreadMs = 50_000) {
  return Array.from({ length: count }, (_, i) => log.admit(refusal, from + Math.floor((i * spreadMs) / count)));
}

describe('the refusal log', () => {
  it('logs the first refusals of each code and key one by one, and only counts the rest', () => {
    const log = new RefusalLog({ perKeyAndCode: 3 });

    const chus = flood(log, invalid(), 5, T0);
    const cusm = flood(log, invalid('ticketing-cusm'), 2, T0 + 1_000);
    const anonymous = flood(log, noKey, 4, T0 + 2_000);

    expect(chus.map((d) => d.log)).toEqual([true, true, true, false, false]);
    expect(cusm.map((d) => d.log)).toEqual([true, true]);
    expect(anonymous.map((d) => d.log)).toEqual([true, true, true, false]);
    expect([...chus, ...cusm, ...anonymous].every((d) => d.ended === null)).toBe(true);
  });

  it('sums up a window that suppressed refusals with the first refusal after it, most frequent code first', () => {
    const log = new RefusalLog({ perKeyAndCode: 10 });
    flood(log, invalid(), 1_110, T0);
    flood(log, noKey, 144, T0 + 10_000);
    expect(log.summaryDueAt()).toBe(T0 + 60_000);

    const next = log.admit(invalid(), T0 + 60_000);

    expect(next.log).toBe(true);
    expect(next.ended).toEqual({
      from: T0,
      to: T0 + 60_000,
      suppressed: 1_234,
      byCode: [
        { code: 'validation', count: 1_100 },
        { code: 'unauthorized', count: 134 },
      ],
      summary: 'suppressed 1,234 refusals in 60 s: validation x 1,100, unauthorized x 134',
    });
  });

  it('closes a window on demand once it is over, and not before, for a timer to write the summary', () => {
    const log = new RefusalLog({ perKeyAndCode: 1, windowMs: 10_000 });
    flood(log, invalid(), 3, T0, 1_000);

    expect(log.close(T0 + 9_999)).toBeNull();
    expect(log.close(T0 + 10_000)?.summary).toBe('suppressed 2 refusals in 10 s: validation x 2');
    expect(log.close(T0 + 20_000)).toBeNull();
    expect(log.summaryDueAt()).toBeNull();
  });

  it('writes no summary for a window that suppressed nothing, and starts the next window afresh', () => {
    const log = new RefusalLog({ perKeyAndCode: 2 });
    flood(log, invalid(), 2, T0);
    expect(log.summaryDueAt()).toBeNull();

    const later = flood(log, invalid(), 3, T0 + 61_000);

    expect(later.map((d) => [d.log, d.ended])).toEqual([
      [true, null],
      [true, null],
      [false, null],
    ]);
    expect(log.summaryDueAt()).toBe(T0 + 121_000);
  });
});
