import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY_PATH } from '@stageplus/sla-policy';

const DEFAULT_PLAN_LINE = /^defaultPlan: BASE\n/m;

/**
 * The bundled policy without its `defaultPlan`: tenants missing from the registry are refused.
 * Fails when the line is absent, so that a change of the default file cannot silently turn the
 * unknown-tenant tests into no-ops.
 */
export function strictPolicyText(): string {
  const text = readFileSync(DEFAULT_POLICY_PATH, 'utf8');
  if (!DEFAULT_PLAN_LINE.test(text)) throw new Error(`fixture: no "defaultPlan: BASE" line in ${DEFAULT_POLICY_PATH}`);
  return text.replace(DEFAULT_PLAN_LINE, '');
}
