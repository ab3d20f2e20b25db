/** Percentiles by the nearest-rank rule over a copy; an empty list has none (null). */
export interface Distribution {
  readonly n: number;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) return { n: 0, p50: null, p99: null, max: null, mean: null };
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { n: sorted.length, p50: round(rank(50)), p99: round(rank(99)), max: round(sorted[sorted.length - 1]), mean: round(mean) };
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** `12,345` for humans. */
export const fmt = (n: number | null | undefined, digits = 0): string =>
  n === null || n === undefined ? 'n/a' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

export const describe = (d: Distribution, unit = 'ms'): string =>
  d.n === 0 ? 'no samples' : `p50 ${fmt(d.p50, 1)} ${unit}, p99 ${fmt(d.p99, 1)} ${unit}, max ${fmt(d.max, 1)} ${unit} (n=${fmt(d.n)})`;

/** Bounded waiting: `until(() => done(), 30_000, 'all events')`, never a bare sleep for a result. */
export async function until(
  done: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  options: { everyMs?: number; progress?: () => string; progressEveryMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let nextProgress = Date.now() + (options.progressEveryMs ?? 5_000);
  for (;;) {
    if (await done()) return;
    const now = Date.now();
    if (now > deadline) throw new Error(`${what}: not reached within ${Math.round(timeoutMs / 1000)} s${options.progress ? ` (${options.progress()})` : ''}`);
    if (options.progress && now >= nextProgress) {
      process.stderr.write(`  ... ${options.progress()}\n`);
      nextProgress = now + (options.progressEveryMs ?? 5_000);
    }
    await sleep(options.everyMs ?? 50);
  }
}

/** The largest of many numbers (no spread: too many arguments for the stack); -Infinity when none. */
export const maxOf = (values: readonly number[]): number => values.reduce((a, b) => (b > a ? b : a), -Infinity);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The p99 of each stretch of `stepMs` (by `at`, ms from a window's start): where in the window
 * a tail comes from (a burst at its start, a stall in its middle).
 */
export function p99ByStretch(samples: readonly { at: number; value: number }[], stepMs: number): (number | null)[] {
  const stretches: number[][] = [];
  for (const { at, value } of samples) (stretches[Math.max(0, Math.floor(at / stepMs))] ??= []).push(value);
  return Array.from(stretches, (values) => distribution(values ?? []).p99);
}
