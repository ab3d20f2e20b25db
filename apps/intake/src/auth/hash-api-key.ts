import { randomBytes } from 'node:crypto';
import { hashApiKey } from '@stageplus/http';

/**
 * API keys for `API_KEYS`, which holds only their SHA-256:
 *
 *   npx tsx --tsconfig tsconfig.base.json apps/intake/src/auth/hash-api-key.ts new ticketing-chus [--scope write|read] chu-sainte-justine
 *     prints a new random key (hand it to the caller once) and its API_KEYS entry (both scopes
 *     unless one is named); to rotate a key, put the new hash beside the old one in `sha256s`;
 *   printf %s "$KEY" | npx tsx --tsconfig tsconfig.base.json apps/intake/src/auth/hash-api-key.ts
 *     prints the hash of an existing key, read from stdin so that it stays out of shell history.
 */
async function main(args: readonly string[]): Promise<void> {
  if (args[0] === 'new') {
    const [, id, ...rest] = args;
    const flag = rest.indexOf('--scope');
    const scope = flag === -1 ? undefined : rest[flag + 1];
    const tenants = flag === -1 ? rest : rest.filter((_, i) => i !== flag && i !== flag + 1);
    if (id === undefined || tenants.length === 0 || (flag !== -1 && scope !== 'read' && scope !== 'write')) {
      throw new Error('usage: hash-api-key.ts new <id> [--scope read|write] <tenant>...');
    }
    const key = randomBytes(32).toString('base64url');
    process.stdout.write(`key (give it to the caller; it is not stored):\n  ${key}\n`);
    process.stdout.write(`API_KEYS entry:\n  ${JSON.stringify({ id, sha256: hashApiKey(key), tenants, ...(scope ? { scopes: [scope] } : {}) })}\n`);
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const key = Buffer.concat(chunks).toString('utf8').trim();
  if (key === '') throw new Error('no key on stdin');
  process.stdout.write(`${hashApiKey(key)}\n`);
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
