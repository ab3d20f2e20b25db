import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY_PATH } from '../default-policy';

/** A fixture file of this folder, by name. */
export function fixturePath(name: string): string {
  return join(__dirname, name);
}

export function defaultPolicyText(): string {
  return readFileSync(DEFAULT_POLICY_PATH, 'utf8');
}

/**
 * The default policy with some lines replaced; fails when a line to replace is absent, so that a
 * change of the default file cannot silently turn a test into a no-op.
 */
export function editedPolicyText(...edits: readonly (readonly [from: string, to: string])[]): string {
  return edits.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`fixture edit: "${from}" is not in the default policy`);
    return text.replace(from, to);
  }, defaultPolicyText());
}
