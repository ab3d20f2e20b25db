import type { z } from 'zod';
import { PolicyError } from '../policy-error';
import type { PolicyIssue } from '../policy-error';
import type { SlaPolicy } from '../policy';
import { buildPolicy } from '../validation/build-policy';
import { formatPath, IssueList } from '../validation/issue-list';
import { policyDocumentSchema, policySections } from './policy-schema';
import type { PolicyDocument } from './policy-schema';
import { addSchemaIssues } from './schema-issues';
import { readYaml } from './yaml-source';
import type { YamlSource } from './yaml-source';

/**
 * Reads and validates a policy file's text. Pure: `source` only names the file in messages.
 *
 * @throws PolicyError `POLICY.INVALID` listing every issue found (file, line, path, rule).
 */
export function parsePolicy(yamlText: string, source: string): SlaPolicy {
  const yaml = readYaml(yamlText);
  if (yaml.syntaxProblems.length > 0) {
    const issues = yaml.syntaxProblems.map((problem) => ({ path: '', rule: 'POLICY.YAML_SYNTAX' as const, ...problem }));
    throw PolicyError.invalid(source, issues);
  }
  const issues = new IssueList();
  const policy = buildPolicy(readSections(yaml.data, issues), source, issues);
  if (policy === undefined || !issues.isEmpty) throw PolicyError.invalid(source, locate(issues, yaml));
  return policy;
}

/** The sections whose shape is valid; the schema's findings go to `issues`. */
function readSections(data: unknown, issues: IssueList): Partial<PolicyDocument> {
  const whole = policyDocumentSchema.safeParse(data);
  if (whole.success) return whole.data;
  addSchemaIssues(whole.error, data, issues);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return {};
  const pruned = withoutUnknownKeys(data as Record<string, unknown>, whole.error);
  const sections: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(policySections)) {
    const section = schema.safeParse(pruned[key]);
    if (section.success) sections[key] = section.data;
  }
  return sections as Partial<PolicyDocument>;
}

/**
 * A copy of the data without the unknown keys already reported, so that a typo such as
 * `resolutoin` does not hide the other problems of its section.
 */
function withoutUnknownKeys(data: Record<string, unknown>, error: z.ZodError): Record<string, unknown> {
  const copy = structuredClone(data);
  for (const issue of error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const parent = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key], copy);
    if (parent !== null && typeof parent === 'object') {
      for (const key of issue.keys) delete (parent as Record<string, unknown>)[key];
    }
  }
  return copy;
}

/** Issues in file order, each with its path and line. */
function locate(issues: IssueList, yaml: YamlSource): PolicyIssue[] {
  const located = issues.all.map((draft, order) => ({
    order,
    issue: { path: formatPath(draft.at), rule: draft.rule, message: draft.message, line: yaml.lineOf(draft.at) },
  }));
  located.sort((a, b) => (a.issue.line ?? 0) - (b.issue.line ?? 0) || a.order - b.order);
  return located.map(({ issue }) => issue);
}
