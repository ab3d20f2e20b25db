import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConnectorError, type ConnectorIssue } from '../connector-error';
import { Connectors } from './connectors';
import { connectorsFileSchema } from './connectors-schema';

/**
 * Reads and validates a connectors file's text (YAML); `source` names it in messages.
 *
 * @throws ConnectorError `CONNECTOR.INVALID_FILE` listing every issue, each named by its path
 * (`tenants.chus.jira.priorities.Blocker`).
 */
export function parseConnectors(text: string, source: string): Connectors {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => ({ field: '(file)', message: e.message.split('\n')[0] }));
    throw new ConnectorError('CONNECTOR.INVALID_FILE', `connectors file ${source} is not YAML`, issues);
  }
  const parsed = connectorsFileSchema.safeParse(doc.toJS());
  if (!parsed.success) throw new ConnectorError('CONNECTOR.INVALID_FILE', `connectors file ${source} is invalid`, parsed.error.issues.flatMap(toIssues));
  try {
    return new Connectors(parsed.data);
  } catch (error) {
    if (error instanceof ConnectorError) throw new ConnectorError(error.code, `connectors file ${source} is invalid`, error.issues);
    throw error;
  }
}

/** Reads and validates the connectors file at `path`. */
export function loadConnectorsFile(path: string): Connectors {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConnectorError('CONNECTOR.FILE_UNREADABLE', `cannot read connectors file ${path}: ${(error as Error).message}`);
  }
  return parseConnectors(text, path);
}

function toIssues(issue: z.core.$ZodIssue): ConnectorIssue[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: path ? `${path}.${key}` : key, message: 'is not a known key' }));
  return [{ field: path || '(file)', message: issue.message }];
}
