/**
 * Builds before `npm start` when a source changed since the last build: the newest mtime under
 * the sources against `dist/.build-stamp`. Cheap (a few hundred `stat`s, no Nx start-up) when
 * nothing changed; otherwise `nx run-many -t build`, whose cache rebuilds only the projects
 * whose inputs changed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './bundle';
import { BUILD_TARGETS } from './targets';

const STAMP = join(WORKSPACE_ROOT, 'dist/.build-stamp');
const LOCK = join(WORKSPACE_ROOT, 'dist/.build-lock');
/** A lock older than this was left by a build that died: taken over. */
const STALE_LOCK_MS = 5 * 60_000;
/** Everything a bundle is made of; a spec changing too only costs a cached Nx run. */
const SOURCES = ['apps', 'libs', 'tools/build', 'tools/dev/ensure-topics.ts', 'tsconfig.base.json', 'package-lock.json', 'nx.json'];

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file shows only in its directory's mtime
  for (const entry of readdirSync(path)) {
    if (entry !== 'node_modules') newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why a build is due, or null when dist/ is newer than every source. */
export function staleReason(): string | null {
  const missing = BUILD_TARGETS.find((t) => !existsSync(join(WORKSPACE_ROOT, 'dist', t.outfile)));
  if (missing) return `dist/${missing.outfile} missing`;
  const stamp = statSync(STAMP, { throwIfNoEntry: false });
  if (!stamp) return 'no build stamp';
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(WORKSPACE_ROOT, s))));
  return newest > stamp.mtimeMs ? 'sources changed since the last build' : null;
}

/**
 * Waits for the build lock (a directory: `mkdir` is atomic). Two `npm start`s at once (the
 * suites that run it in parallel) would otherwise rebuild dist/ under each other's services.
 */
function lock(say: (line: string) => void): void {
  mkdirSync(join(WORKSPACE_ROOT, 'dist'), { recursive: true });
  for (let said = false; ; said = true) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      if (!said) say('another build is running: waiting for it');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200); // start.ts has nothing else to do meanwhile
    }
  }
}

/** Runs the Nx builds if stale; `say` gets one line per line of their output. */
export function ensureBuilt(say: (line: string) => void): void {
  if (!staleReason()) return;
  lock(say);
  try {
    build(say);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function build(say: (line: string) => void): void {
  // Again under the lock: the build waited for may have been this one.
  const reason = staleReason();
  if (!reason) return;
  say(`building (${reason}): nx run-many -t build`);
  // The stamp takes the time the build started: a file saved during it makes the next start build again.
  const startedAt = new Date();
  const result = spawnSync(join(WORKSPACE_ROOT, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '--outputStyle=static'], {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
  });
  for (const line of `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n')) if (line.trim()) say(line);
  if (result.status !== 0) throw new Error(`nx run-many -t build failed (${result.status ?? result.signal})`);
  writeFileSync(STAMP, '');
  utimesSync(STAMP, startedAt, startedAt);
}
