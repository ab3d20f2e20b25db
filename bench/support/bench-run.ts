import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { describeLocalBroker } from './cpu-account';

/**
 * The last stdout line of every benchmark: what was measured, the baseline measured in the same
 * run, the goal, and whether the figure meets it. `figure.complete` says whether the measurement
 * itself went through (every expected event seen, the rebuild finished); `figure.error` says why not.
 */
export interface BenchResult {
  readonly bench: string;
  readonly figure: Record<string, unknown>;
  readonly baseline: Record<string, unknown>;
  readonly goal: Record<string, unknown>;
  readonly ok: boolean;
}

/** A human line, on stderr: stdout is kept for the one JSON line. */
export function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

type Cleanup = () => Promise<void> | void;

/**
 * Runs a benchmark: prints its result as the last stdout line, whatever happens. Cleanups
 * (services, private Redis, topics) run in reverse order on success, failure, Ctrl-C or the
 * overall deadline, so a bench never leaves a process or a Redis behind, and never hangs.
 */
export class BenchRun {
  private readonly cleanups: { name: string; run: Cleanup }[] = [];
  private finished = false;

  constructor(
    readonly bench: string,
    private readonly deadlineMs: number,
  ) {}

  /** Registers something to undo; returns a function that undoes it now (and only once). */
  onCleanup(name: string, run: Cleanup): () => Promise<void> {
    const entry = { name, run };
    this.cleanups.push(entry);
    return async () => {
      const index = this.cleanups.indexOf(entry);
      if (index < 0) return;
      this.cleanups.splice(index, 1);
      await run();
    };
  }

  async run(body: (run: BenchRun) => Promise<BenchResult>): Promise<void> {
    const stop = (signal: string) => void this.fail(new Error(`interrupted by ${signal}`));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const watchdog = setTimeout(
      () => void this.fail(new Error(`the run exceeded its deadline of ${Math.round(this.deadlineMs / 1000)} s (--deadline-s)`)),
      this.deadlineMs,
    );
    try {
      const result = await body(this);
      await this.finish(result, 0);
    } catch (error) {
      await this.fail(error as Error);
    } finally {
      clearTimeout(watchdog);
    }
  }

  private async fail(error: Error): Promise<void> {
    say(`${this.bench}: ${error.stack ?? error.message}`);
    await this.finish({ bench: this.bench, figure: { complete: false, error: error.message.split('\n')[0] }, baseline: {}, goal: {}, ok: false }, 1);
  }

  private async finish(result: BenchResult, exitCode: number): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    for (const { name, run } of this.cleanups.reverse()) {
      try {
        await Promise.race([run(), new Promise((resolve) => setTimeout(resolve, 20_000))]);
      } catch (error) {
        say(`cleanup ${name} failed: ${(error as Error).message}`);
      }
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
    // Lingering sockets (kafkajs, ioredis, undici keep-alive) must not keep a finished bench alive.
    setTimeout(() => process.exit(exitCode), 100).unref();
    process.exitCode = exitCode;
  }
}

/** One line about where the figures come from: they only compare within a run on one machine. */
export function describeMachine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  let revision = 'unknown revision';
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'libs'], { encoding: 'utf8' }).trim() !== '';
    revision = `${head}${dirty ? ' + uncommitted changes in apps/libs' : ''}`;
  } catch {
    // not a git checkout
  }
  const broker = describeLocalBroker(join(__dirname, '../..'));
  return `machine: ${cpus().length} cores, ${cpu}, Node ${process.version}; code: ${revision}${broker ? `\n${broker}` : ''}`;
}

/** The verdict line: a figure can meet the thresholds at a smaller size than the goal's and still not meet the goal. */
export function verdict(goal: string, figuresMet: boolean, sizeMet: boolean, size: string): string {
  if (figuresMet && !sizeMet) return `goal ${goal}: figures within it at this size, but the goal is for ${size}: NOT met`;
  return `goal ${goal}: ${figuresMet ? 'met' : 'NOT met'}`;
}
