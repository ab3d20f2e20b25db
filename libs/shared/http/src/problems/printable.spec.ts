import { MAX_ECHOED_LENGTH, printable } from './printable';

describe('text a problem may echo', () => {
  it('keeps ordinary text, accents and emoji as they are', () => {
    expect(printable('/v1/tenants/chu-sainte-justine/tickets/T-é-😀/sla')).toBe('/v1/tenants/chu-sainte-justine/tickets/T-é-😀/sla');
  });

  it('replaces control characters and invisible reordering ones', () => {
    expect(printable('a\u0000b\u001b[31mc\u007f\u0085d\u202ee\u200bf')).toBe('a\uFFFDb\uFFFD[31mc\uFFFD\uFFFDd\uFFFDe\uFFFDf');
  });

  it(`cuts text longer than ${MAX_ECHOED_LENGTH} characters with an ellipsis, never inside a character`, () => {
    const cut = printable('a'.repeat(5_000));
    expect(cut).toHaveLength(MAX_ECHOED_LENGTH);
    expect(cut.endsWith('a…')).toBe(true);
    expect(Array.from(printable('😀'.repeat(300)))).toHaveLength(MAX_ECHOED_LENGTH);
    expect(printable('x'.repeat(MAX_ECHOED_LENGTH))).toBe('x'.repeat(MAX_ECHOED_LENGTH));
  });
});
