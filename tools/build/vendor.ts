/**
 * The dependencies of a bundle, compiled into one more file, `vendor-bundle.js`, that `vendor.js`
 * loads through V8's code cache (see vendor-loader.ts).
 *
 * Why: a compiled service spent ~0.55 s of its ~0.9 s start in `require` of its packages (each
 * resolved, read and compiled on its own, thousands of files), and the timer's start is part of
 * its catch-up after a crash. From one file and a code cache, the timer is ready in ~0.55 s
 * instead of ~0.9 s (docs/benchmarks.md, ninth session).
 *
 * `main.js` stays the workspace's code alone, with its source map: each package it imports
 * becomes `require('./vendor.js')(id)`, which loads that package's part of the vendor file when
 * first asked, so packages still load in the order and at the moment they did. The vendor file
 * has no source map: its frames are the packages' own code, readable as it is.
 */
import { isBuiltin } from 'node:module';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

export const VENDOR_NAMESPACE = 'vendor';
const VENDOR_LOADER = 'vendor.js';
const VENDOR_BUNDLE = 'vendor-bundle.js';

/**
 * Packages Node loads itself, from node_modules, as before:
 * - kafkajs: `@stageplus/kafka` replaces two of its modules in Node's module cache before it
 *   loads, and patches its encoder (kafkajs-modules.ts, kafkajs-encoder.ts): that needs Node's
 *   copy, one copy;
 * - packages that read their own files by path (`__dirname`): ioredis its version (sent to Redis
 *   as `LIB-VER`), msgpackr-extract its native addon (BullMQ's msgpackr falls back to slower
 *   JavaScript without it), the bull-board UI its pages, pino's transports their workers.
 */
const NODE_LOADED = new Set(['kafkajs', 'ioredis', 'msgpackr', 'msgpackr-extract', '@bull-board/ui', 'pino', 'thread-stream', 'pino-pretty']);

export const packageOf = (id: string) => id.split('/').slice(0, id.startsWith('@') ? 2 : 1).join('/');
/** tsconfig.base.json's paths: esbuild resolves those into the bundle itself. */
const isWorkspacePath = (id: string) => id.startsWith('@stageplus/');

/**
 * For `main.js`'s build: every package import, but Node-loaded ones, goes to the vendor file;
 * `ids` collects them, as imported (`@bull-board/api/bullMQAdapter` is one).
 */
export function vendorImports(ids: Set<string>): Plugin {
  return {
    name: 'vendor-imports',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (isBuiltin(args.path) || isWorkspacePath(args.path)) return undefined;
        if (NODE_LOADED.has(packageOf(args.path))) return { path: args.path, external: true };
        ids.add(args.path);
        return { path: args.path, namespace: VENDOR_NAMESPACE };
      });
      build.onResolve({ filter: new RegExp(`^\\./${VENDOR_LOADER.replace('.', '\\.')}$`), namespace: VENDOR_NAMESPACE }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: VENDOR_NAMESPACE }, (args) => ({
        contents: `module.exports = require('./${VENDOR_LOADER}')(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}

/**
 * Writes `vendor-bundle.js` (the packages, each behind a function that loads it) and `vendor.js`
 * (its loader) into `dir`, resolving the packages from `root` as the bundle's `require` would.
 * Packages that are not installed (optional peers a package tries in a `try`) and Node-loaded
 * ones stay `require`s, as they were.
 */
export async function bundleVendor(ids: readonly string[], dir: string, root: string): Promise<void> {
  const entry = `module.exports = {\n${ids.map((id) => `  ${JSON.stringify(id)}: () => require(${JSON.stringify(id)}),`).join('\n')}\n};\n`;
  await build({
    stdin: { contents: entry, resolveDir: root, loader: 'js', sourcefile: 'vendor-entry.js' },
    outfile: join(dir, VENDOR_BUNDLE),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    plugins: [leaveToNode],
    logLevel: 'error',
  });
  const digest = createHash('sha256').update(readFileSync(join(dir, VENDOR_BUNDLE))).digest('hex').slice(0, 16);
  await build({
    entryPoints: [join(__dirname, 'vendor-loader.ts')],
    outfile: join(dir, VENDOR_LOADER),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    define: { VENDOR_DIGEST: JSON.stringify(digest), VENDOR_BUNDLE: JSON.stringify(VENDOR_BUNDLE) },
    logLevel: 'warning',
  });
}

const leaveToNode: Plugin = {
  name: 'leave-to-node',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (isBuiltin(args.path)) return undefined;
      if (NODE_LOADED.has(packageOf(args.path)) || !installed(args.path, args.resolveDir)) return { path: args.path, external: true };
      return undefined;
    });
  },
};

function installed(id: string, from: string): boolean {
  try {
    require.resolve(id, { paths: [from] });
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the code cache of the vendor file in `dir` now, from a Node process of its own (the
 * release, for an image whose services cannot write it). Throws when that process fails.
 */
export function warmVendorCache(dir: string): void {
  const run = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(join(dir, VENDOR_LOADER))}).warm()`], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`warming ${join(dir, VENDOR_LOADER)} failed (${run.status ?? run.signal}): ${run.stderr.slice(-1_000)}`);
}
