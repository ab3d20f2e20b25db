/**
 * Sizes and knobs of a benchmark: `--tickets 20000` (or `--tickets=20000`) on the command line,
 * else `BENCH_TICKETS=20000` in the environment, else the default (the size). Numbers
 * accept `_` separators and a `k` suffix (`30k`).
 */
export type OptionValue = number | string;

export interface OptionSpec<T extends OptionValue = OptionValue> {
  readonly default: T;
  readonly help: string;
}

export type Options<S extends Record<string, OptionSpec>> = { [K in keyof S]: S[K]['default'] };

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const envName = (name: string) => `BENCH_${kebab(name).replace(/-/g, '_').toUpperCase()}`;

export function readOptions<S extends Record<string, OptionSpec>>(
  bench: string,
  spec: S,
  argv: readonly string[] = process.argv.slice(2),
  env: Readonly<Record<string, string | undefined>> = process.env,
): Options<S> {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stderr.write(usage(bench, spec));
      process.exit(0);
    }
    const match = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`${bench}: unexpected argument ${arg}\n${usage(bench, spec)}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`${bench}: --${match[1]} needs a value`);
    given.set(match[1], value);
  }
  const known = new Set(Object.keys(spec).map(kebab));
  for (const flag of given.keys()) if (!known.has(flag)) throw new Error(`${bench}: unknown option --${flag}\n${usage(bench, spec)}`);
  const out: Record<string, OptionValue> = {};
  for (const [name, { default: fallback }] of Object.entries(spec)) {
    const raw = given.get(kebab(name)) ?? env[envName(name)];
    if (raw === undefined || raw === '') {
      out[name] = fallback;
    } else if (typeof fallback === 'number') {
      const n = parseNumber(raw);
      if (!Number.isFinite(n)) throw new Error(`${bench}: --${kebab(name)} must be a number, got ${raw}`);
      out[name] = n;
    } else {
      out[name] = raw;
    }
  }
  return out as Options<S>;
}

function parseNumber(raw: string): number {
  const s = raw.replace(/_/g, '').trim().toLowerCase();
  return s.endsWith('k') ? Number(s.slice(0, -1)) * 1_000 : Number(s);
}

function usage(bench: string, spec: Record<string, OptionSpec>): string {
  const lines = Object.entries(spec).map(
    ([name, o]) => `  --${kebab(name)} (${envName(name)}), default ${JSON.stringify(o.default)}: ${o.help}`,
  );
  return `${bench} options:\n${lines.join('\n')}\n`;
}
