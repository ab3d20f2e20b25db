/**
 * `tsx tools/build/build.ts [project...] [--out DIR]`: bundles the named Nx projects (all of
 * tools/build/targets.ts without names) into DIR (default `dist/`). Each app's Nx `build` target
 * runs it with its own name, so that Nx caches each bundle on its project's inputs;
 * `npm run build` runs them all.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundle, WORKSPACE_ROOT } from './bundle';
import { BUILD_TARGETS } from './targets';

const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
const unknown = positionals.filter((name) => !BUILD_TARGETS.some((t) => t.project === name));
if (unknown.length > 0) {
  process.stderr.write(`build: no build target for ${unknown.join(', ')} (tools/build/targets.ts)\n`);
  process.exit(2);
}
const targets = positionals.length > 0 ? BUILD_TARGETS.filter((t) => positionals.includes(t.project)) : BUILD_TARGETS;
const distRoot = values.out ? resolve(values.out) : join(WORKSPACE_ROOT, 'dist');
const started = Date.now();

bundle(targets, distRoot).then(
  () => process.stderr.write(`built ${targets.map((t) => t.outfile).join(', ')} in ${Date.now() - started} ms\n`),
  (error: unknown) => {
    process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
