import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';

const requireHere = createRequire(__filename);

/**
 * kafkajs as npm ships it, for the raw baselines: a copy loaded from disk apart from the one in
 * Node's module cache, in which `@stageplus/kafka` (loaded by the bench's own helpers) replaced
 * five modules (libs/shared/kafka/src/kafkajs-modules.ts). Without it the "raw" hop would run on
 * our faster encoding, decoding, grouping and checksum, and the ratio would compare the services
 * to a tool that is not the one anyone installs. The cached copy is put back for everything else.
 */
export function stockKafkajs(): typeof import('kafkajs') {
  const root = dirname(requireHere.resolve('kafkajs/package.json')) + sep;
  const cache = requireHere.cache;
  const under = () => Object.keys(cache).filter((file) => file.startsWith(root));
  const kept = under().map((file) => [file, cache[file]] as const);
  for (const [file] of kept) delete cache[file];
  try {
    return requireHere('kafkajs') as typeof import('kafkajs');
  } finally {
    for (const file of under()) delete cache[file];
    for (const [file, module] of kept) cache[file] = module;
  }
}
