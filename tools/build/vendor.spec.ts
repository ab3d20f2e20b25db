import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './bundle';
import { bundleVendor, warmVendorCache } from './vendor';

jest.setTimeout(60_000);

/** A plain Node process that takes luxon from the vendor file, then lives `lingerMs`. */
function runWithVendor(dir: string, lingerMs: number): { codeCache: string; epoch: string } {
  const script = `
    const vendor = require(${JSON.stringify(join(dir, 'vendor.js'))});
    const { DateTime } = vendor('luxon');
    process.stdout.write(JSON.stringify({ codeCache: vendor.codeCache, epoch: DateTime.fromMillis(0, { zone: 'utc' }).toISO() }));
    setTimeout(() => {}, ${lingerMs});`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: tmpdir(), encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`node exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as { codeCache: string; epoch: string };
}

const caches = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.cache'));

describe('the vendor file (packages of a bundle, through V8 code cache)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-vendor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => bundleVendor(['luxon'], dir, WORKSPACE_ROOT));

  it('gives each package as Node would, and a process that outlives its start writes the code cache', () => {
    // A start that ends before the cache is due writes none (the CLI's case).
    expect(runWithVendor(dir, 0)).toEqual({ codeCache: 'none', epoch: '1970-01-01T00:00:00.000Z' });
    expect(caches(dir)).toEqual([]);
    expect(runWithVendor(dir, 5_500).codeCache).toBe('none');
    expect(caches(dir)).toEqual([expect.stringMatching(/^vendor-bundle\.js\.[0-9a-f]{16}\.cache$/)]);
  });

  it('compiles the next start from that cache', () => {
    expect(runWithVendor(dir, 0)).toEqual({ codeCache: 'used', epoch: '1970-01-01T00:00:00.000Z' });
  });

  it('never reads the cache of another build: a rebuilt file has a cache name of its own', async () => {
    const [before] = caches(dir);
    await bundleVendor(['luxon', 'yaml'], dir, WORKSPACE_ROOT);
    expect(runWithVendor(dir, 0).codeCache).toBe('none');
    expect(caches(dir)).toEqual([before]);
  });

  it('writes the cache at once when warmed (the release), and the next start compiles from it', async () => {
    const warmDir = mkdtempSync(join(tmpdir(), 'sla-vendor-warm-'));
    try {
      await bundleVendor(['luxon'], warmDir, WORKSPACE_ROOT);
      warmVendorCache(warmDir);
      expect(caches(warmDir)).toHaveLength(1);
      expect(runWithVendor(warmDir, 0)).toEqual({ codeCache: 'used', epoch: '1970-01-01T00:00:00.000Z' });
    } finally {
      rmSync(warmDir, { recursive: true, force: true });
    }
  });
});
