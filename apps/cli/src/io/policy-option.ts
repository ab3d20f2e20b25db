import { loadDefaultPolicy, loadPolicyFile, type SlaPolicy } from '@stageplus/sla-policy';

/** The policy named by `--policy FILE`, or the bundled STAGE+ policy. */
export function policyFrom(file: string | undefined): SlaPolicy {
  return file === undefined ? loadDefaultPolicy() : loadPolicyFile(file);
}
