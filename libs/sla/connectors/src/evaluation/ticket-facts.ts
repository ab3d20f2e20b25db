import type { SlaPolicy } from '@stageplus/sla-policy';
import { ConnectorError } from '../connector-error';
import type { ConnectorMapping, MappingField } from '../connector-mapping';
import { levelsOf, lookUp, priorityOf, type Levels } from './priority-levels';
import type { DeliveryReader } from './read-delivery';

/** What a STAGE+ status does to the resolution clock. */
export type StatusEffect = 'running' | 'pause' | 'resolved' | 'closed';

/** The facts of a delivery in STAGE+ terms: statuses and priorities translated through the mapping. */
export class TicketFacts {
  constructor(
    readonly reader: DeliveryReader,
    readonly mapping: ConnectorMapping,
    private readonly policy: SlaPolicy,
  ) {}

  /** The STAGE+ status code of the status `field` reads; undefined when the payload has none. */
  async status(field: 'status' | 'previousStatus'): Promise<string | undefined> {
    const raw = await this.reader.optional(field);
    if (raw === undefined || raw === '') return undefined;
    const code = lookUp(this.mapping.statuses, String(raw));
    if (code === undefined) throw this.unmapped(field, raw, 'statuses');
    return code;
  }

  /** What a STAGE+ status code does: the policy decides which statuses pause. */
  effectOf(code: string): StatusEffect {
    if (code === 'resolved' || code === 'closed') return code;
    return this.policy.pauseStatuses.includes(code) ? 'pause' : 'running';
  }

  /**
   * Impact and urgency: as the payload gives them (`impact`, `urgency`), else from the priority
   * `field` reads; undefined when the payload has neither.
   */
  async levels(field: 'priority' | 'previousPriority' = 'priority'): Promise<Levels | undefined> {
    if (field === 'priority') {
      const [impact, urgency] = [await this.reader.optional('impact'), await this.reader.optional('urgency')];
      if (impact !== undefined && urgency !== undefined) return { impact: Number(impact), urgency: Number(urgency) } as Levels;
    }
    const raw = await this.reader.optional(field);
    if (raw === undefined || raw === '') return undefined;
    const priority = priorityOf(this.mapping, raw);
    if (priority === null) throw this.unmapped(field, raw, 'priorities');
    const levels = levelsOf(this.policy, priority);
    if (levels === null) throw ConnectorError.unreadable(field, this.reader.expressionOf(field), `${priority} is given by no cell of the policy's matrix`);
    return levels;
  }

  /** Like {@link levels}, refusing a payload without any. */
  async requiredLevels(): Promise<Levels> {
    const levels = await this.levels();
    if (levels === undefined) throw ConnectorError.unreadable('priority', this.reader.expressionOf('priority'), 'is missing from the payload');
    return levels;
  }

  private unmapped(field: MappingField, raw: string | number | boolean, table: string): ConnectorError {
    return new ConnectorError('CONNECTOR.UNMAPPED_VALUE', `the ${this.mapping.source} mapping has no entry for a value of the payload`, [
      { field: `${field} (${this.reader.expressionOf(field)})`, message: `"${String(raw)}" has no entry in ${table} (and there is no "*" entry)` },
    ]);
  }
}
