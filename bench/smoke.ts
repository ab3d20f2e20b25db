/**
 * Every service benchmark once, at a tiny size, one after the other: proof for CI that each
 * harness still starts the services, drives them and reports, not a measurement. Passes when
 * every bench exits 0 with a JSON last line whose `figure.complete` is true; the goals, meant for
 * the sizes, are not judged here. Run: `npm run --silent bench:smoke`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BenchRun, say, type BenchResult } from './support/bench-run';

const TINY: Record<string, string[]> = {
  pipeline: ['--events', '1000', '--warmup', '100'],
  firing: ['--tickets', '1500', '--due', '300', '--window-s', '5', '--drain-s', '10', '--noisy-rate', '200', '--noisy-tickets', '50', '--noisy-baseline', '1'],
  memory: ['--tickets', '500'],
  catchup: ['--thresholds', '500', '--calibration', '200', '--spread-s', '2'],
  'catchup-pause': ['--thresholds', '500', '--calibration', '200', '--spread-s', '2', '--pause-s', '8', '--session-timeout-ms', '6000'],
  burst: ['--tickets', '500', '--calibration', '200'],
  rebuild: ['--tickets', '1500', '--probes', '200', '--pre-spread-s', '2', '--post-spread-s', '5', '--sample', '40', '--rebuild-timeout-s', '60'],
  'at-risk': ['--large', '3000', '--small', '5', '--rounds', '2'],
  scale: ['--tickets', '3000', '--due', '300', '--window-s', '5', '--probes', '200', '--pre-spread-s', '2', '--post-spread-s', '8', '--rebuild-timeout-s', '60'],
};
/**
 * `BENCH_SMOKE_SKIP=a,b`: benches left out of this run. CI leaves out `scale` (a private Redis
 * Cluster and a rebuild: ~2 min of its 25); `npm run bench:smoke` runs them all.
 */
const SKIPPED = new Set((process.env.BENCH_SMOKE_SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const BENCHES = Object.keys(TINY).filter((name) => !SKIPPED.has(name));

/** Where a bench lives when not at `bench/<name>/<name>.bench.ts`. */
const FILES: Record<string, string> = { 'catchup-pause': 'bench/catchup/catchup-pause.bench.ts' };
const PER_BENCH_DEADLINE_S = 300;
const root = join(__dirname, '..');

interface Outcome {
  readonly exitCode: number | null;
  readonly result: BenchResult | null;
  readonly ms: number;
}

function runBench(name: string): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FILES[name] ?? `bench/${name}/${name}.bench.ts`, ...TINY[name], '--deadline-s', String(PER_BENCH_DEADLINE_S)], {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let last = '';
    if (child.stdout) createInterface({ input: child.stdout }).on('line', (line) => line.trim() && (last = line));
    if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => say(`[${name}] ${line}`));
    // The bench's own deadline ends it; this one only covers a bench that cannot even report.
    const guard = setTimeout(() => child.kill('SIGKILL'), (PER_BENCH_DEADLINE_S + 60) * 1_000);
    child.once('exit', (code) => {
      clearTimeout(guard);
      let result: BenchResult | null = null;
      try {
        result = JSON.parse(last) as BenchResult;
      } catch {
        result = null;
      }
      resolve({ exitCode: code, result, ms: Date.now() - started });
    });
  });
}

void new BenchRun('smoke', (BENCHES.length * (PER_BENCH_DEADLINE_S + 90)) * 1_000).run(async (): Promise<BenchResult> => {
  const figure: Record<string, unknown> = {};
  let passed = true;
  for (const name of BENCHES) {
    say(`--- bench:${name} ${TINY[name].join(' ')}`);
    const outcome = await runBench(name);
    const complete = outcome.exitCode === 0 && outcome.result?.bench === name && outcome.result.figure.complete === true;
    passed &&= complete;
    figure[name] = { complete, exitCode: outcome.exitCode, seconds: Math.round(outcome.ms / 1000), ...(outcome.result?.figure.error ? { error: outcome.result.figure.error } : {}) };
    say(`--- bench:${name}: ${complete ? 'complete' : 'INCOMPLETE'} in ${Math.round(outcome.ms / 1000)} s; last line: ${outcome.result ? JSON.stringify(outcome.result) : '(none)'}`);
  }
  return { bench: 'smoke', figure, baseline: {}, goal: { everyBenchComplete: true }, ok: passed };
});
