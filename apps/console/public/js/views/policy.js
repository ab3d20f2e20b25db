import { el } from '../dom.js';
import { t } from '../i18n.js';
import { state } from '../state.js';
import { instant } from '../time.js';

// The policy versions, as `GET /v1/policy` gives them: publication instants in the zone of the
// establishment chosen (else the key's first), like every other instant of the console.

function zone() {
  const tenants = state.session?.tenants ?? [];
  return (tenants.find((x) => x.id === state.tenant) ?? tenants[0])?.timeZone ?? 'UTC';
}

function line(entry, inForce) {
  const facts = [
    t('policy.effective', { date: entry.effectiveDate }),
    entry.publishedAt ? t('policy.published', { at: instant(entry.publishedAt, zone()) }) : t('policy.alwaysThere'),
    entry.replaces ? t('policy.replaces', { version: entry.replaces }) : null,
  ].filter(Boolean);
  return el('li', { dataset: { version: entry.version } },
    el('strong', {}, entry.version), inForce ? ` (${t('policy.inForce')})` : '', ` · ${facts.join(' · ')}`);
}

/** A closed `<details>` listing the versions, newest first; nothing before the policy is known. */
export function policyHistory(policy) {
  if (!policy) return null;
  return el('details', { id: 'policy-history' },
    el('summary', {}, `${t('policy.history')} (${policy.history.length})`),
    el('ul', { class: 'history' }, policy.history.map((entry) => line(entry, entry.version === policy.version))));
}
