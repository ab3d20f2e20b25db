import { ALL_TENANTS, type ApiKeyPrincipal } from '@stageplus/http';
import { tenantTimeZone, type SlaPolicy } from '@stageplus/sla-policy';

/** An establishment as the console shows it. */
export interface TenantInfo {
  readonly id: string;
  readonly name: string;
  /** IANA zone in which its people read instants (`tenantTimeZone`). */
  readonly timeZone: string;
}

/**
 * The establishments of the policy version in force, followed on `sla.policy`. A request takes
 * the registry once (`inForce()`) and reads every name and zone from it, so one answer never
 * mixes two versions published while it was being built.
 */
export class TenantDirectory {
  /** @param policyInForce the latest version of the followed history. */
  constructor(private readonly policyInForce: () => SlaPolicy) {}

  inForce(): TenantRegistry {
    return new TenantRegistry(this.policyInForce());
  }
}

/**
 * The establishments of one policy version, their names and zones. The policy decides the zone
 * (`tenantTimeZone`), never the browser: a manager in Montréal reading a Laval ticket from a
 * laptop set to UTC still sees Laval's local time.
 */
export class TenantRegistry {
  constructor(private readonly policy: SlaPolicy) {}

  zoneOf(tenantId: string): string {
    return tenantTimeZone(this.policy, tenantId);
  }

  info(tenantId: string): TenantInfo {
    return { id: tenantId, name: this.policy.tenants.get(tenantId)?.name ?? tenantId, timeZone: this.zoneOf(tenantId) };
  }

  /** The tenants a key may see: its own, or the whole registry for an all-tenants key. */
  visibleTo(principal: ApiKeyPrincipal): TenantInfo[] {
    const ids = principal.tenants.includes(ALL_TENANTS) ? [...this.policy.tenants.keys()] : principal.tenants;
    return ids.map((id) => this.info(id)).sort((a, b) => a.name.localeCompare(b.name));
  }
}
