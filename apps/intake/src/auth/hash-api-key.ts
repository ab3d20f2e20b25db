import { randomBytes } from 'node:crypto';
import { hashApiKey } from '@stageplus/http';

/**
 * API keys for `API_KEYS`, which holds only their SHA-256:
 *
 *   npx tsx --tsconfig tsconfig.base.json apps/intake/src/auth/hash-api-key.ts new ticketing-chus chu-sainte-justine
 *     prints a new random key (hand it to the caller once) and its API_KEYS entry;
 *   printf %s "$KEY" | npx tsx --tsconfig tsconfig.base.json apps/intake/src/auth/hash-api-key.ts
 *     prints the hash of an existing key, read from stdin so that it stays out of shell history.
 */
async function main(args: readonly string[]): Promise<void> {
  if (args[0] === 'new') {
    const [, id, ...tenants] = args;
    if (id === undefined || tenants.length === 0) throw new Error('usage: hash-api-key.ts new <id> <tenant>...');
    const key = randomBytes(32).toString('base64url');
    process.stdout.write(`key (give it to the caller; it is not stored):\n  ${key}\n`);
    process.stdout.write(`API_KEYS entry:\n  ${JSON.stringify({ id, sha256: hashApiKey(key), tenants })}\n`);
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
