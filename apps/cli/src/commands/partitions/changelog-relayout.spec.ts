import { partitionOfKey } from '@stageplus/kafka';
import { relayoutChangelog, type ChangelogEntry } from './changelog-relayout';

const keys = Array.from({ length: 40 }, (_, i) => `tenant-a:T-${i}`);
const live = (key: string, partition: number, text = 'v'): ChangelogEntry => ({ partition, key, value: Buffer.from(text) });

describe('relayoutChangelog (3 -> 6 partitions)', () => {
  const moving = keys.filter((k) => partitionOfKey(k, 6) !== partitionOfKey(k, 3));
  const staying = keys.filter((k) => partitionOfKey(k, 6) === partitionOfKey(k, 3));

  it('copies each moved live record to its new partition and tombstones it where it was; the others stay', () => {
    expect(moving.length).toBeGreaterThan(0);
    expect(staying.length).toBeGreaterThan(0);
    const { copies, tombstones } = relayoutChangelog(keys.map((k) => live(k, partitionOfKey(k, 3), `last of ${k}`)), 6);
    expect(copies).toEqual(moving.map((k) => ({ partition: partitionOfKey(k, 6), key: k, value: Buffer.from(`last of ${k}`) })));
    expect(tombstones).toEqual(moving.map((k) => ({ partition: partitionOfKey(k, 3), key: k, value: null })));
  });

  it('takes the last record of a key on its partition, and leaves a ticket already done alone', () => {
    const [a, b] = moving;
    const entries = [live(a, partitionOfKey(a, 3), 'old'), live(a, partitionOfKey(a, 3), 'new'), live(b, partitionOfKey(b, 3)), { partition: partitionOfKey(b, 3), key: b, value: null }];
    const { copies, tombstones } = relayoutChangelog(entries, 6);
    expect(copies).toEqual([{ partition: partitionOfKey(a, 6), key: a, value: Buffer.from('new') }]);
    expect(tombstones.map((t) => t.key)).toEqual([a]);
  });

  it('never overwrites what the new partition holds (an earlier run, or the timer since), and finds nothing to do on its own result', () => {
    const [a] = moving;
    const entries = [live(a, partitionOfKey(a, 3), 'before'), live(a, partitionOfKey(a, 6), 'after')];
    expect(relayoutChangelog(entries, 6)).toEqual({ copies: [], tombstones: [{ partition: partitionOfKey(a, 3), key: a, value: null }] });
    const once = relayoutChangelog(keys.map((k) => live(k, partitionOfKey(k, 3))), 6);
    const after = [...keys.map((k) => live(k, partitionOfKey(k, 3))), ...once.copies, ...once.tombstones].map((w) => ({ ...w }));
    expect(relayoutChangelog(after, 6)).toEqual({ copies: [], tombstones: [] });
  });
});
