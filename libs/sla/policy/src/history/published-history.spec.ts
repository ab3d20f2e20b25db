import { defaultPolicyText, editedPolicyText } from '../testing/policy-text';
import { historyOfPublished, policyDigest, publicationOf, withPublication } from './published-history';

const v1 = defaultPolicyText();
const v2 = editedPolicyText(['version: stageplus-2023-12-08', 'version: v2'], ['effectiveDate: 2023-12-08', 'effectiveDate: 2026-07-01']);
const at = (iso: string): number => Date.parse(iso);

describe('a policy history rebuilt from published texts', () => {
  it('given two published texts, then the history holds both versions in publication order with their digests', () => {
    const { history, skipped } = historyOfPublished([{ text: v1, publishedAt: at('2026-01-01T00:00:00Z') }, { text: v2, publishedAt: at('2026-06-01T00:00:00Z') }], 'sla.policy');
    expect(skipped).toEqual([]);
    expect(history?.versions.map((v) => [v.policy.version, v.publishedAt, v.digest])).toEqual([
      ['stageplus-2023-12-08', at('2026-01-01T00:00:00Z'), policyDigest(v1)],
      ['v2', at('2026-06-01T00:00:00Z'), policyDigest(v2)],
    ]);
  });

  it('given the same text published twice (two services racing), then it is one publication', () => {
    const { history } = historyOfPublished([{ text: v1, publishedAt: 1 }, { text: v1, publishedAt: 2 }], 'sla.policy');
    expect(history?.versions.map((v) => v.publishedAt)).toEqual([1]);
  });

  it('given another text under a published version, or a text that is not a policy, then it is passed over and the others hold', () => {
    const other = editedPolicyText(['effectiveDate: 2023-12-08', 'effectiveDate: 2024-01-01']);
    const { history, skipped } = historyOfPublished([{ text: v1, publishedAt: 1 }, { text: other, publishedAt: 2 }, { text: 'nope: [', publishedAt: 3 }, { text: v2, publishedAt: 4 }], 's');
    expect(history?.versions.map((v) => v.policy.version)).toEqual(['stageplus-2023-12-08', 'v2']);
    expect(skipped.map((s) => [s.index, s.error.code])).toEqual([[1, 'POLICY.VERSION_EXISTS'], [2, 'POLICY.INVALID']]);
  });

  it('given nothing published, then a first publication starts the history, and publishing it again changes nothing', () => {
    const first = publicationOf(v1, 'file', 5);
    const started = withPublication(null, first);
    expect(started?.versions).toEqual([first]);
    expect(withPublication(started, publicationOf(v1, 'file', 9))).toBeNull();
  });
});
