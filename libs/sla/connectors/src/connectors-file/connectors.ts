import type { Priority } from '@stageplus/contracts';
import type { ConnectorMapping, Source } from '../connector-mapping';
import { compileMapping, type CompiledMapping } from '../evaluation/compiled-mapping';
import { PRESETS } from '../presets/presets';
import type { ConnectorOverride, ConnectorsFile } from './connectors-schema';

/**
 * The mappings in force: the presets, and each tenant's overrides from the connectors file, all
 * compiled once at startup so that a bad expression stops the service, not a delivery.
 */
export class Connectors {
  private readonly presets: ReadonlyMap<Source, CompiledMapping>;
  private readonly perTenant = new Map<string, CompiledMapping>();
  private readonly secrets = new Map<string, string>();

  /** @throws ConnectorError `CONNECTOR.INVALID_FILE` naming the expressions that do not compile. */
  constructor(file: ConnectorsFile = { version: 1, tenants: {} }) {
    this.presets = new Map(Object.values(PRESETS).map((preset) => [preset.source, compileMapping(preset)]));
    for (const [tenant, sources] of Object.entries(file.tenants)) {
      for (const [source, override] of Object.entries(sources) as [Source, ConnectorOverride | undefined][]) {
        if (override === undefined) continue;
        const mapping = withOverride(PRESETS[source], override);
        this.perTenant.set(keyOf(tenant, source), compileMapping(mapping, `tenants.${tenant}.${source}`));
        if (override.secret !== undefined) this.secrets.set(keyOf(tenant, source), override.secret);
      }
    }
  }

  /** The mapping of `source` for `tenant` (its overrides applied), or the preset when none is known. */
  mappingFor(source: Source, tenant: string | undefined): CompiledMapping {
    const own = tenant === undefined ? undefined : this.perTenant.get(keyOf(tenant, source));
    return own ?? this.presets.get(source)!;
  }

  /** The secret `tenant` configured for `source`'s signatures, if any. */
  secretFor(source: Source, tenant: string): string | undefined {
    return this.secrets.get(keyOf(tenant, source));
  }
}

function keyOf(tenant: string, source: Source): string {
  return `${tenant}\u0000${source}`;
}

/** The preset with a tenant's changes: fields, statuses and priorities merged, rules replaced. */
export function withOverride(preset: ConnectorMapping, override: ConnectorOverride): ConnectorMapping {
  return {
    ...preset,
    fields: { ...preset.fields, ...override.fields },
    rules: override.rules ?? preset.rules,
    statuses: { ...preset.statuses, ...override.statuses },
    priorities: { ...preset.priorities, ...(override.priorities as Record<string, Priority> | undefined) },
    priorityRanges: (override.priorityRanges as ConnectorMapping['priorityRanges']) ?? preset.priorityRanges,
    timeZone: override.timeZone ?? preset.timeZone,
  };
}
