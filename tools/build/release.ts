/**
 * `npm run release [-- --out DIR]`: the directory the image ships (default `dist/release/`):
 * the bundles and their assets under `dist/`, package.json and package-lock.json, the
 * production dependencies only (`npm ci --omit=dev`), and each vendor file's code cache. Run
 * from it with plain node: `node --enable-source-maps dist/apps/<app>/main.js`.
 *
 * It bundles into DIR itself rather than copying the workspace's dist/, which a running
 * `npm start` or another build may be rewriting.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundle, WORKSPACE_ROOT } from './bundle';
import { BUILD_TARGETS } from './targets';
import { warmVendorCache } from './vendor';

/** Development tools that must never reach the image. */
export const DEV_ONLY_PACKAGES = ['tsx', 'esbuild', 'jest', 'ts-jest', 'nx', '@nx/js', 'eslint', 'playwright-core', 'testcontainers'];

const say = (line: string) => process.stderr.write(`[release] ${line}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = resolve(values.out ?? join(WORKSPACE_ROOT, 'dist/release'));
  const started = Date.now();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await bundle(BUILD_TARGETS, join(out, 'dist'));
  say(`bundled ${BUILD_TARGETS.length} targets in ${Date.now() - started} ms`);
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(WORKSPACE_ROOT, file), join(out, file));
  const installStarted = Date.now();
  const npm = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: out, stdio: ['ignore', 2, 2] });
  if (npm.status !== 0) throw new Error(`npm ci --omit=dev failed (${npm.status ?? npm.signal})`);
  say(`npm ci --omit=dev in ${Date.now() - installStarted} ms`);
  const leaked = DEV_ONLY_PACKAGES.filter((name) => existsSync(join(out, 'node_modules', name)));
  if (leaked.length > 0) throw new Error(`development packages in the release: ${leaked.join(', ')}`);
  // The image runs as `node` over files owned by root: its services could not write these.
  const warmStarted = Date.now();
  for (const target of BUILD_TARGETS) warmVendorCache(dirname(join(out, 'dist', target.outfile)));
  say(`code caches of ${BUILD_TARGETS.length} vendor files written in ${Date.now() - warmStarted} ms`);
  say(`${out} ready in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
