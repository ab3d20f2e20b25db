// What the views share: the signed-in session and the establishment chosen in the header.

const listeners = new Set();

export const state = {
  /** `GET /session`: keyId, allTenants, tenants [{id, name, timeZone}], expiresAt. */
  session: null,
  /** `GET /v1/policy`: the version in force and the history [{version, effectiveDate, publishedAt, replaces?}], newest first. */
  policy: null,
  /** A tenant id, or '' for all the key may see. */
  tenant: '',
};

export function setTenant(tenant) {
  state.tenant = tenant;
  for (const listener of listeners) listener(tenant);
}

export const onTenantChange = (listener) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The establishment's name as the policy registry gives it, else its id. */
export function tenantName(tenantId) {
  return state.session?.tenants.find((x) => x.id === tenantId)?.name ?? tenantId;
}

/** Query values for the chosen establishment (none for "all"). */
export const tenantQuery = () => (state.tenant ? { tenant: state.tenant } : {});
