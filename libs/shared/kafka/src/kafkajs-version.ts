import { createRequire } from 'node:module';

/**
 * The kafkajs release whose internals this lib replaces (kafkajs-encoder.ts, kafkajs-modules.ts).
 * Any other is left as it is: its internals may differ.
 */
const PATCHED_KAFKAJS_VERSION = '2.2.4';

const requireHere = createRequire(__filename);

/** Whether the installed kafkajs is the release those replacements were written against. */
export function isPatchedKafkajsVersion(): boolean {
  return (requireHere('kafkajs/package.json') as { version: string }).version === PATCHED_KAFKAJS_VERSION;
}
