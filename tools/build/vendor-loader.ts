/**
 * `vendor.js`, next to a bundle's `main.js`: loads `vendor-bundle.js` (its packages, see
 * vendor.ts) as Node loads a CommonJS file, but compiled with V8's code cache when there is one,
 * and returns `(id) => the package`.
 *
 * The cache is written the first time the file runs without one, once the service has started
 * (`CACHE_AFTER_MS`, so it holds what the start compiled), next to the bundle, named after the
 * bundle's digest: a rebuilt bundle never reads another's cache, and V8 itself refuses a cache
 * from another Node or other flags (then it is written again). Where the directory is read-only,
 * nothing is written and every start compiles, as without it; hence `warm`, which the release
 * runs while its directory is still writable, for the image (files owned by root, run as node).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

declare const VENDOR_DIGEST: string;
declare const VENDOR_BUNDLE: string;

/** Past a service's start (0.5-1 s here), and before a bench's measured window. */
const CACHE_AFTER_MS = 5_000;

const filename = join(__dirname, VENDOR_BUNDLE);
const cacheFile = join(__dirname, `${VENDOR_BUNDLE}.${VENDOR_DIGEST}.cache`);
const cachedData = readOrUndefined(cacheFile);
const script = new Script(Module.wrap(readFileSync(filename, 'utf8')), { filename, cachedData });
const vendor = { exports: {} as Record<string, () => unknown> };
(script.runInThisContext() as (...args: unknown[]) => void).call(vendor.exports, vendor.exports, createRequire(filename), vendor, filename, __dirname);
if (cachedData === undefined || script.cachedDataRejected === true) setTimeout(writeCacheIfWritable, CACHE_AFTER_MS).unref();

module.exports = Object.assign(
  (id: string): unknown => {
    const load = vendor.exports[id];
    if (load === undefined) throw new Error(`${id} is not in ${VENDOR_BUNDLE}: run npm run build`);
    return load();
  },
  {
    /** What this start compiled from (tests, and anyone asking why a start was slow). */
    codeCache: cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'used',
    /** Loads every package and writes the cache now; throws when it cannot be written. */
    warm(): void {
      for (const load of Object.values(vendor.exports)) {
        try {
          load();
        } catch {
          // An optional package this host lacks: the services lack it too, and try it the same way.
        }
      }
      writeCache();
    },
  },
);

function writeCache(): void {
  const partial = `${cacheFile}.${process.pid}`;
  writeFileSync(partial, script.createCachedData());
  renameSync(partial, cacheFile); // whole or absent, with services starting side by side
}

function writeCacheIfWritable(): void {
  try {
    writeCache();
  } catch {
    // A read-only directory: starts stay as fast as without a cache, no slower.
  }
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
