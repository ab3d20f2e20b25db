/**
 * Compiles build targets with esbuild: one CommonJS file per target, the workspace libs bundled
 * in through tsconfig.base.json's paths, a source map next to it; the packages of node_modules it
 * imports in a second file loaded through V8's code cache (vendor.ts; the few Node must load
 * itself are left to `require`, and the release installs them with `npm ci --omit=dev`); then
 * the assets.
 *
 * Why esbuild and not tsc: tsx already runs the services through esbuild, so the compiled code
 * is what `npm run dev` and the tests have always run; it resolves the `@stageplus/*` paths
 * itself (tsc would emit them as they are, unresolvable at runtime); all bundles take well
 * under a second. Decorators need nothing more: the services inject by explicit `@Inject`
 * tokens, with `emitDecoratorMetadata` off, which esbuild honours from the tsconfig.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { DIRNAME_READERS, type Asset, type BuildTarget } from './targets';
import { bundleVendor, packageOf, VENDOR_NAMESPACE, vendorImports } from './vendor';

export const WORKSPACE_ROOT = join(__dirname, '../..');

/** Bundles each target under `distRoot` and copies its assets; throws on a build error. */
export async function bundle(targets: readonly BuildTarget[], distRoot: string): Promise<void> {
  for (const target of targets) {
    const outfile = join(distRoot, target.outfile);
    // A file removed from the sources must not linger in the bundle's directory.
    rmSync(dirname(outfile), { recursive: true, force: true });
    const packages = new Set<string>();
    const result = await build({
      absWorkingDir: WORKSPACE_ROOT,
      entryPoints: [target.entry],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      plugins: [vendorImports(packages)],
      tsconfig: 'tsconfig.base.json',
      sourcemap: true,
      // Nest names providers and log contexts after classes: no `Foo2` from esbuild's renaming.
      keepNames: true,
      metafile: true,
      logLevel: 'warning',
    });
    checkDirnameReaders(target, result.metafile);
    checkProductionImports(target, result.metafile, packages);
    await bundleVendor([...packages].sort(), dirname(outfile), WORKSPACE_ROOT);
    for (const asset of target.assets) copyAsset(asset, dirname(outfile));
  }
}

function checkDirnameReaders(target: BuildTarget, metafile: Metafile): void {
  const unlisted = Object.keys(metafile.inputs)
    .filter((input) => !input.startsWith('node_modules/') && !input.startsWith(`${VENDOR_NAMESPACE}:`) && !(input in DIRNAME_READERS))
    .filter((input) => /\b__dirname\b/.test(readFileSync(join(WORKSPACE_ROOT, input), 'utf8')));
  if (unlisted.length > 0) {
    throw new Error(
      `${target.project}: ${unlisted.join(', ')} use __dirname: list what they read in tools/build/targets.ts (DIRNAME_READERS and the target's assets), or it will be missing from dist`,
    );
  }
}

/**
 * The release installs `dependencies` only: a package a bundle requires from `devDependencies`
 * (as pino-pretty was) works in the workspace and crashes the image at its first line.
 */
function checkProductionImports(target: BuildTarget, metafile: Metafile, vendored: ReadonlySet<string>): void {
  const { dependencies = {} } = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const external = Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external && !i.path.startsWith('.')).map((i) => i.path));
  const required = [...external, ...vendored];
  const missing = [...new Set(required.filter((path) => !isBuiltin(path)).map(packageOf))].filter((name) => !(name in dependencies));
  if (missing.length > 0) throw new Error(`${target.project} requires ${missing.join(', ')}, not in package.json's dependencies: the release would not have it`);
}

function copyAsset(asset: Asset, bundleDir: string): void {
  const to = join(bundleDir, asset.to);
  const glob = /^(.*)\/\*(\.[A-Za-z0-9]+)$/.exec(asset.from);
  if (glob) {
    const [, dir, ext] = glob;
    const files = readdirSync(join(WORKSPACE_ROOT, dir)).filter((name) => name.endsWith(ext));
    if (files.length === 0) throw new Error(`asset ${asset.from}: no file matches`);
    mkdirSync(to, { recursive: true });
    for (const name of files) cpSync(join(WORKSPACE_ROOT, dir, name), join(to, name));
    return;
  }
  const from = join(WORKSPACE_ROOT, asset.from);
  if (!existsSync(from)) throw new Error(`asset ${asset.from}: not found`);
  const isDirectory = statSync(from).isDirectory();
  const dest = isDirectory ? to : join(to, basename(from));
  if (isDirectory) rmSync(dest, { recursive: true, force: true });
  mkdirSync(dirname(dest), { recursive: true });
  cpSync(from, dest, { recursive: true });
}
