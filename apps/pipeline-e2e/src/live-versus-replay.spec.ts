import { GRID_POLICY_PATH } from '@stageplus/testing';
import { Pipeline } from './testing/pipeline';
import { expectLiveAsReplay, postInRealTime, replayDeliveries } from './testing/live-as-replay';
import { randomLiveLog } from './testing/random-live-log';

jest.setTimeout(180_000);

describe('the live system and `sla replay` are one engine', () => {
  const pipeline = new Pipeline(GRID_POLICY_PATH);
  beforeAll(() => pipeline.start(), 120_000);
  afterAll(() => pipeline.stop());

  it('given a randomized log posted in real time (pauses, priority changes, reopens, late and repeated deliveries, late changes around a close), fires what replay fires', async () => {
    const start = Math.ceil((Date.now() + 2_000) / 1000) * 1000;
    const log = randomLiveLog(start, 30, start % 100_000);
    const replayed = replayDeliveries(log, GRID_POLICY_PATH);
    expect(replayed.fired.length).toBeGreaterThan(30);
    expect(replayed.outcomes.length).toBeGreaterThan(0);
    expect(replayed.cleared.length).toBeGreaterThan(0);

    await postInRealTime(pipeline, log);
    await expectLiveAsReplay(pipeline, replayed);
  });
});
