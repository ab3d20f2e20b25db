/** Stable codes of what can go wrong between a delivery and its ticket events. */
export type ConnectorErrorCode =
  /** The payload lacks a field the mapping reads, or holds one it cannot use. */
  | 'CONNECTOR.UNREADABLE_PAYLOAD'
  /** A status or priority the mapping has no entry for. */
  | 'CONNECTOR.UNMAPPED_VALUE'
  /** Neither the URL nor the payload says which tenant the delivery is for. */
  | 'CONNECTOR.TENANT_MISSING'
  /** The connectors file breaks a rule (see `issues`). */
  | 'CONNECTOR.INVALID_FILE'
  /** The connectors file cannot be read. */
  | 'CONNECTOR.FILE_UNREADABLE';

/** One problem, named by where it is: a mapping field and its expression, or a path in the file. */
export interface ConnectorIssue {
  readonly field: string;
  readonly message: string;
}

/** A domain error with a stable code and the fields at fault; adapters turn it into 400 or an exit. */
export class ConnectorError extends Error {
  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    readonly issues: readonly ConnectorIssue[] = [],
  ) {
    super(issues.length === 0 ? message : `${message}\n${issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}`);
    this.name = 'ConnectorError';
  }

  /** The payload did not hold what `field` (read by `expression`) should give. */
  static unreadable(field: string, expression: string, message: string): ConnectorError {
    const issue = { field: `${field} (${expression})`, message };
    return new ConnectorError('CONNECTOR.UNREADABLE_PAYLOAD', 'the mapping cannot read the payload', [issue]);
  }
}
