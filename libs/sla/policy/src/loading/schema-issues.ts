import type { z } from 'zod';
import type { IssueList } from '../validation/issue-list';
import type { PathSegments } from './yaml-source';

/** Turns the schema's findings into policy issues worded for someone editing the YAML. */
export function addSchemaIssues(error: z.ZodError, data: unknown, issues: IssueList): void {
  for (const issue of error.issues) {
    const at = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.add([...at, key], 'POLICY.UNKNOWN_KEY', `unknown key "${key}" (a typo? docs/policy-format.md lists the keys allowed here)`);
      }
    } else if (issue.code === 'invalid_type') {
      addTypeIssue(at, issue.expected, valueAt(data, at), issues);
    } else if (issue.code === 'invalid_union') {
      issues.add(at, 'POLICY.INVALID_TYPE', issue.message);
    } else {
      issues.add(at, 'POLICY.INVALID_VALUE', `${describe(valueAt(data, at))} is not allowed here: ${lowerFirst(issue.message)}`);
    }
  }
}

function addTypeIssue(at: PathSegments, expected: string, value: unknown, issues: IssueList): void {
  if (value === undefined) {
    const key = at[at.length - 1];
    issues.add(at, 'POLICY.MISSING_KEY', key === undefined ? 'the file is empty' : `required key "${key}" is missing`);
  } else if (at.length === 0) {
    const found = value === null ? 'the file is empty' : `found ${describe(value)}`;
    issues.add(at, 'POLICY.INVALID_TYPE', `a policy is a YAML mapping (version: ..., calendars: ...); ${found}`);
  } else {
    const quote = expected === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? ` (write "${value}" in quotes)` : '';
    issues.add(at, 'POLICY.INVALID_TYPE', `expected ${EXPECTED[expected] ?? expected}, found ${describe(value)}${quote}`);
  }
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping of keys',
  array: 'a list',
  record: 'a mapping of keys',
};

export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}

function valueAt(data: unknown, at: PathSegments): unknown {
  let value = data;
  for (const segment of at) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
