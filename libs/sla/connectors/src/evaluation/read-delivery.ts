import { ConnectorError } from '../connector-error';
import type { MappingField } from '../connector-mapping';
import type { CompiledExpression, CompiledMapping } from './compiled-mapping';

/** One delivery as it reached intake. */
export interface Delivery {
  /** The parsed JSON body. */
  readonly body: unknown;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The URL's `?tenant=`, if any. */
  readonly tenant?: string;
}

/** A scalar a field gave: text or a number; nothing when the payload has no such value. */
export type FieldValue = string | number | boolean | undefined;

/** Reads the mapping's fields and rules out of one delivery, naming the expression that fails. */
export class DeliveryReader {
  private readonly cache = new Map<MappingField, FieldValue>();

  constructor(
    private readonly compiled: CompiledMapping,
    private readonly delivery: Delivery,
  ) {}

  /** The field's value; undefined when the mapping has no such field or the payload no such value. */
  async optional(field: MappingField): Promise<FieldValue> {
    if (this.cache.has(field)) return this.cache.get(field);
    const compiled = this.compiled.fields[field];
    const value = compiled === undefined ? undefined : scalar(field, compiled, await this.evaluate(field, compiled));
    this.cache.set(field, value);
    return value;
  }

  /** The field's value, or a `CONNECTOR.UNREADABLE_PAYLOAD` naming the field and its expression. */
  async required(field: MappingField): Promise<string | number | boolean> {
    const value = await this.optional(field);
    if (value === undefined || value === '') {
      throw ConnectorError.unreadable(field, this.expressionOf(field), 'is missing from the payload');
    }
    return value;
  }

  /** The expression of `field`, for messages. */
  expressionOf(field: MappingField): string {
    return this.compiled.fields[field]?.text ?? '(not mapped)';
  }

  /** Whether the rule's `when` holds of this delivery (JSONata truthiness). */
  async matches(index: number): Promise<boolean> {
    const { when } = this.compiled.rules[index];
    const result = await this.evaluate(`rules[${index}].when`, when);
    return result !== undefined && result !== null && result !== false && result !== '' && result !== 0;
  }

  private async evaluate(name: string, compiled: CompiledExpression): Promise<unknown> {
    try {
      return await compiled.expression.evaluate(this.delivery.body, { headers: this.delivery.headers, tenant: this.delivery.tenant });
    } catch (error) {
      throw ConnectorError.unreadable(name, compiled.text, (error as Error).message);
    }
  }
}

function scalar(field: string, compiled: CompiledExpression, value: unknown): FieldValue {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw ConnectorError.unreadable(field, compiled.text, `gives ${Array.isArray(value) ? 'a list' : 'an object'}, not a single value`);
}
