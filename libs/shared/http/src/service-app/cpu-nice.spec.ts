import { runAtNice, type ProcessPriority } from './cpu-nice';

class FakePriority implements ProcessPriority {
  readonly sets: number[] = [];
  constructor(private nice: number) {}
  get(): number {
    return this.nice;
  }
  set(nice: number): void {
    this.sets.push(nice);
    this.nice = nice;
  }
}

describe('runAtNice, the CPU priority a service asks for with CPU_NICE', () => {
  it('lowers the priority of a process running at the normal one', () => {
    const priority = new FakePriority(0);
    expect(runAtNice(10, priority)).toBe(10);
    expect(priority.sets).toEqual([10]);
  });

  it('leaves a process started nicer than asked as it is: raising a priority takes privileges, and the operator chose it', () => {
    const priority = new FakePriority(15);
    expect(runAtNice(10, priority)).toBe(15);
    expect(priority.sets).toEqual([]);
  });

  it('does nothing at the default of 0', () => {
    const priority = new FakePriority(0);
    expect(runAtNice(0, priority)).toBe(0);
    expect(priority.sets).toEqual([]);
  });
});
