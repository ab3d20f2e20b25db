import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout's JSON lines, parsed (throws if stdout is not JSON Lines). */
  readonly lines: unknown[];
}

/** Runs the real CLI as `npm run sla` does, with `input` on stdin (and `env` over the test's environment). */
export function runCli(args: string[], input = '', env: NodeJS.ProcessEnv = {}): CliRun {
  const tsx = join(root, 'node_modules/.bin/tsx');
  const result = spawnSync(tsx, ['--tsconfig', 'tsconfig.base.json', 'apps/cli/src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  const stdout = result.stdout ?? '';
  return {
    status: result.status,
    stdout,
    stderr: result.stderr ?? '',
    get lines() {
      return stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l));
    },
  };
}

export const jsonl = (items: unknown[]): string => items.map((i) => JSON.stringify(i)).join('\n') + '\n';
