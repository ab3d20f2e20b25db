import { join } from 'node:path';

/** Path of the pipeline tests' policy: STAGE+ rules, targets of seconds, 24x7. */
export const FAST_POLICY_PATH = join(__dirname, 'fast-policy.yaml');
