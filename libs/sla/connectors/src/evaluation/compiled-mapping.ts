import jsonata from 'jsonata';
import { ConnectorError, type ConnectorIssue } from '../connector-error';
import type { ConnectorMapping, EventRule, MappingField } from '../connector-mapping';

/** A JSONata expression compiled once, kept with its text for messages. */
export interface CompiledExpression {
  readonly text: string;
  readonly expression: jsonata.Expression;
}

/** A mapping whose expressions compiled: evaluate deliveries with it as often as needed. */
export interface CompiledMapping {
  readonly mapping: ConnectorMapping;
  readonly fields: Readonly<Partial<Record<MappingField, CompiledExpression>>>;
  readonly rules: readonly { readonly rule: EventRule; readonly when: CompiledExpression }[];
}

/**
 * Compiles every expression of `mapping`, naming each that does not compile (`where` prefixes the
 * names: `tenants.chus.jira`).
 *
 * @throws ConnectorError `CONNECTOR.INVALID_FILE` listing the expressions that do not compile.
 */
export function compileMapping(mapping: ConnectorMapping, where: string = mapping.source): CompiledMapping {
  const issues: ConnectorIssue[] = [];
  const compile = (path: string, text: string): CompiledExpression | undefined => {
    try {
      return { text, expression: jsonata(text) };
    } catch (error) {
      issues.push({ field: `${where}.${path}`, message: `is not a JSONata expression: ${(error as Error).message}` });
      return undefined;
    }
  };
  const fields: Partial<Record<MappingField, CompiledExpression>> = {};
  for (const [name, text] of Object.entries(mapping.fields) as [MappingField, string | undefined][]) {
    if (text === undefined) continue;
    const compiled = compile(`fields.${name}`, text);
    if (compiled !== undefined) fields[name] = compiled;
  }
  const rules = mapping.rules.flatMap((rule, i) => {
    const when = compile(`rules[${i}].when`, rule.when);
    return when === undefined ? [] : [{ rule, when }];
  });
  if (issues.length > 0) throw new ConnectorError('CONNECTOR.INVALID_FILE', `the ${mapping.source} mapping has expressions that do not compile`, issues);
  return { mapping, fields, rules };
}
