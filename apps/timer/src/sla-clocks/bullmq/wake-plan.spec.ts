import { WakePlan } from './wake-plan';

describe('the wake-up plan of a partition', () => {
  it('adds a wake-up for a timer only when no pending wake-up comes by then', () => {
    const plan = new WakePlan();
    expect(plan.need(0, 1_000)).toBe(1_000);
    expect(plan.need(0, 1_500)).toBeNull(); // the wake-up at 1,000 reads the index after this commit
    expect(plan.need(0, 1_000)).toBeNull();
    expect(plan.need(0, 400)).toBe(400); // earlier than any pending one
    expect(plan.need(1, 1_500)).toBe(1_500); // partitions are independent
    expect(plan.earliest(0)).toBe(400);
  });

  it('no longer counts on a wake-up once it started: a timer committed meanwhile gets its own', () => {
    const plan = new WakePlan();
    plan.need(0, 1_000);
    plan.begin(0, 1_000); // it may have read the index before the next commit
    expect(plan.need(0, 1_200)).toBe(1_200);
    expect(plan.earliest(0)).toBe(1_200);
  });

  it('forgets a wake-up that could not be added, and everything when the worker restarts', () => {
    const plan = new WakePlan();
    plan.need(0, 1_000);
    plan.failed(0, 1_000);
    expect(plan.need(0, 2_000)).toBe(2_000);
    plan.reset(0);
    expect(plan.earliest(0)).toBeNull();
    expect(plan.need(0, 3_000)).toBe(3_000);
  });
});
