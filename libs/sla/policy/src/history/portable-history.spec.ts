import { defaultPolicyText, editedPolicyText } from '../testing/policy-text';
import { governingPolicy } from './policy-history';
import { historyFromPortable, portableHistory } from './portable-history';
import { historyOfPublished } from './published-history';

const v1 = defaultPolicyText();
const v2 = editedPolicyText(['version: stageplus-2023-12-08', 'version: v2'], ['effectiveDate: 2023-12-08', 'effectiveDate: 2026-07-01']);
const at = (iso: string): number => Date.parse(iso);

describe('a policy history carried to another thread', () => {
  const { history } = historyOfPublished([{ text: v1, publishedAt: -Infinity }, { text: v2, publishedAt: at('2026-06-01T00:00:00Z') }], 'sla.policy');
  if (history === null) throw new Error('no history');
  // What postMessage does to it: a structured clone.
  const carried = historyFromPortable(structuredClone(portableHistory(history)));

  it('given a history of two versions, then the carried one has the same versions, instants, digests, rules and tenants', () => {
    expect(carried.versions.map((v) => [v.policy.version, v.publishedAt, v.digest])).toEqual(history.versions.map((v) => [v.policy.version, v.publishedAt, v.digest]));
    const { calendars: _a, ...rules } = carried.versions[1].policy;
    const { calendars: _b, ...expected } = history.versions[1].policy;
    expect(rules).toEqual(expected);
    expect([...carried.versions[1].policy.calendars.keys()]).toEqual([...history.versions[1].policy.calendars.keys()]);
  });

  it('given a ticket opened before and one after the second publication, then the same version governs each, with calendars that compute the same deadlines', () => {
    for (const learntAt of [at('2026-05-01T12:00:00Z'), at('2026-08-03T12:00:00Z')]) {
      const ticket = { tenantId: 'chu-sainte-justine', openedAt: learntAt, learntAt };
      const original = governingPolicy(history, ticket, learntAt);
      const copy = governingPolicy(carried, ticket, learntAt);
      expect(copy.version).toBe(original.version);
      for (const [id, calendar] of original.calendars) {
        // Over a Quebec holiday weekend and a Friday evening: the business calendar's closures and hours.
        for (const start of [at('2026-06-19T20:00:00Z'), at('2026-12-24T15:00:00Z')]) {
          expect(copy.calendars.get(id)?.addBusinessTime(start, 10 * 3_600_000)).toBe(calendar.addBusinessTime(start, 10 * 3_600_000));
        }
      }
    }
  });
});
