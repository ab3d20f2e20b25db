import { join } from 'node:path';
import type { SlaPolicy } from './policy';
import { loadPolicyFile } from './loading/load-policy-file';

/**
 * The bundled STAGE+ policy (the contract of 2023-12-08), next to this module. A build that
 * bundles the library must copy `stageplus-policy.yaml` along with it.
 */
export const DEFAULT_POLICY_PATH = join(__dirname, 'stageplus-policy.yaml');

/** Loads and validates the bundled policy; see {@link loadPolicyFile} for errors. */
export function loadDefaultPolicy(): SlaPolicy {
  return loadPolicyFile(DEFAULT_POLICY_PATH);
}
