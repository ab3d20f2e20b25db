import { join } from 'node:path';

/** Path of the pipeline tests' policy: STAGE+ rules, targets of seconds, 24x7. */
export const FAST_POLICY_PATH = join(__dirname, 'fast-policy.yaml');

/** Path of the live-versus-replay test's policy: every threshold on a whole second. */
export const GRID_POLICY_PATH = join(__dirname, 'e2e-grid-policy.yaml');

/** Path of the policy of the late-around-close histories (issue 16): targets of 32 to 112 s, 24x7. */
export const LATE_CLOSE_POLICY_PATH = join(__dirname, 'late-close-policy.yaml');
