import { readFileSync } from 'node:fs';
import { PolicyError } from '../policy-error';
import type { SlaPolicy } from '../policy';
import { parsePolicy } from './parse-policy';

/**
 * Reads and validates the policy file at `path`; messages name the file as given.
 *
 * @throws PolicyError `POLICY.FILE_UNREADABLE` when it cannot be read, `POLICY.INVALID` when it
 * breaks any rule.
 */
export function loadPolicyFile(path: string): SlaPolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PolicyError('POLICY.FILE_UNREADABLE', `Cannot read SLA policy file ${path}: ${reason}`);
  }
  return parsePolicy(text, path);
}
