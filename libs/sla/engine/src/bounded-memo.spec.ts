import { BoundedMemo } from './bounded-memo';

describe('a bounded memo', () => {
  it('computes a key once, starts over past its bound, and keeps nothing from a compute that throws', () => {
    const calls: number[] = [];
    const memo = new BoundedMemo<number, string>(2);
    const compute = (k: number) => (calls.push(k), `v${k}`);
    expect([memo.get(1, compute), memo.get(1, compute), memo.get(2, compute)]).toEqual(['v1', 'v1', 'v2']);
    expect(calls).toEqual([1, 2]);
    memo.get(3, compute); // past the bound: 1 and 2 forgotten
    memo.get(1, compute);
    expect(calls).toEqual([1, 2, 3, 1]);
    expect(() => memo.get(4, () => { throw new Error('no'); })).toThrow('no');
    expect(memo.get(4, compute)).toBe('v4');
  });
});
