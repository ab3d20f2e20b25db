import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAST_POLICY_PATH } from '@stageplus/testing';

const DAY_MS = 86_400_000;
const root = join(__dirname, '../../../..');

export interface CommandRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `sla …` as an operator runs it (`npm run --silent sla -- …`); resolves with its exit code and output. */
export function slaCommand(args: readonly string[], env: Record<string, string>): Promise<CommandRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** `sla policy …`. */
export const policyCommand = (args: readonly string[], env: Record<string, string>): Promise<CommandRun> => slaCommand(['policy', ...args], env);

/** The fast policy as `version`, in force from yesterday, with other targets for P1 and P4; a correction of `replaces` when given. */
export function policyFile(version: string, targets: { p1: string; p4: string }, replaces?: string): string {
  const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
  const text = readFileSync(FAST_POLICY_PATH, 'utf8')
    .replace('version: test-fast-24x7', `version: ${version}${replaces === undefined ? '' : `\nreplaces: ${replaces}`}`)
    .replace('effectiveDate: 2026-01-01', `effectiveDate: ${yesterday}`)
    .replace('P1: { response: PT2S, resolution: PT4S', `P1: { ${targets.p1}`)
    .replace('P4: { response: PT8S, resolution: PT16S', `P4: { ${targets.p4}`);
  const file = join(mkdtempSync(join(tmpdir(), 'policy-')), `${version}.yaml`);
  writeFileSync(file, text);
  return file;
}
