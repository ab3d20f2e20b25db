/**
 * What `npm run build` compiles: one bundle per Nx project that ships, and the files each one
 * reads at runtime by `__dirname`.
 *
 * In a bundle every module's `__dirname` is the bundle's directory, so an asset is copied to the
 * path its source reads it at, taken from the bundle: `join(__dirname, 'x.lua')` puts `x.lua`
 * next to `main.js`, the console's `join(__dirname, '../public')` puts `public/` one level up.
 * One mechanism for all of them, and the sources stay runnable through tsx unchanged.
 */

/** A file or directory copied along with a bundle. */
export interface Asset {
  /** From the workspace root: a file, a directory (copied whole), or `dir/*.ext`. */
  readonly from: string;
  /** Relative to the bundle's directory, as the reading module joins it to `__dirname`. */
  readonly to: string;
}

export interface BuildTarget {
  /** The Nx project whose `build` target makes this bundle. */
  readonly project: string;
  readonly entry: string;
  /** Relative to the dist root (`dist/`, or `<release>/dist/`). */
  readonly outfile: string;
  readonly assets: readonly Asset[];
}

/** `stageplus-policy.yaml`, read by `DEFAULT_POLICY_PATH` when no `POLICY_FILE` is given. */
const defaultPolicy: Asset = { from: 'libs/sla/policy/src/stageplus-policy.yaml', to: '.' };

export const BUILD_TARGETS: readonly BuildTarget[] = [
  { project: 'intake', entry: 'apps/intake/src/main.ts', outfile: 'apps/intake/main.js', assets: [defaultPolicy] },
  {
    project: 'priority',
    entry: 'apps/priority/src/main.ts',
    outfile: 'apps/priority/main.js',
    assets: [defaultPolicy, { from: 'apps/priority/src/tickets/prioritize-ticket/*.lua', to: '.' }],
  },
  {
    project: 'timer',
    entry: 'apps/timer/src/main.ts',
    outfile: 'apps/timer/main.js',
    assets: [defaultPolicy, { from: 'apps/timer/src/sla-clocks/redis/*.lua', to: '.' }],
  },
  {
    project: 'console',
    entry: 'apps/console/src/main.ts',
    outfile: 'apps/console/main.js',
    assets: [defaultPolicy, { from: 'apps/console/public', to: '../public' }],
  },
  // The bridge reads no policy: it forwards what the timer decided.
  { project: 'oncall-bridge', entry: 'apps/oncall-bridge/src/main.ts', outfile: 'apps/oncall-bridge/main.js', assets: [] },
  { project: 'cli', entry: 'apps/cli/src/main.ts', outfile: 'apps/cli/main.js', assets: [defaultPolicy] },
  // The topics are created before any service (docker-compose's `topics`, `npm start`): it ships too.
  { project: 'tools', entry: 'tools/dev/ensure-topics.ts', outfile: 'tools/ensure-topics/main.js', assets: [] },
];

/**
 * Bundled modules that use `__dirname` and what they read with it. The build fails on a bundled
 * module that uses `__dirname` and is not listed here: its asset would be missing from dist.
 */
export const DIRNAME_READERS: Readonly<Record<string, string>> = {
  'libs/sla/policy/src/default-policy.ts': 'stageplus-policy.yaml',
  'apps/priority/src/tickets/prioritize-ticket/ticket-classification.store.ts': '*.lua',
  'apps/timer/src/sla-clocks/redis/redis-clock-store.ts': '*.lua',
  'apps/console/src/console.app.ts': '../public',
};
