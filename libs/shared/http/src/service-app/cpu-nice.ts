import { getPriority, setPriority } from 'node:os';

/** The process's CPU priority as a nice value (0 normal, 19 the lowest): `node:os` in `main`, a fake in specs. */
export interface ProcessPriority {
  get(): number;
  set(nice: number): void;
}

export const osPriority: ProcessPriority = { get: () => getPriority(), set: (nice) => setPriority(nice) };

/**
 * Lowers the process's CPU priority to `nice` (`CPU_NICE`) when it runs at a higher one; never
 * raises it, which takes privileges and would undo an operator's `nice` on the whole start.
 * Returns the nice the process runs at.
 */
export function runAtNice(nice: number, priority: ProcessPriority = osPriority): number {
  const current = priority.get();
  if (nice <= current) return current;
  priority.set(nice);
  return nice;
}
