import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../testing/run-cli';

const fixtures = join(__dirname, '../../../../../libs/sla/connectors/src/presets/fixtures');

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'connectors-')), 'connectors.yaml');
  writeFileSync(path, text);
  return path;
}

describe('sla connectors', () => {
  it('given a valid file, when validated, then it says so and exits 0', () => {
    const run = runCli(['connectors', 'validate', file('version: 1\ntenants:\n  chus:\n    jira:\n      priorities: { Blocker: P1 }\n')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/valid/);
  });

  it('given a bad priority, an unknown key and a broken expression, when validated, then each is named and the exit is non-zero', () => {
    const text = 'version: 1\ntenants:\n  chus:\n    jira:\n      priorities: { Blocker: P9 }\n      colour: red\n  cusm:\n    rt:\n      fields: { ticketId: "ticket.[" }\n';
    const schema = runCli(['connectors', 'validate', file(text)]);
    expect(schema.status).toBe(1);
    expect(schema.stderr).toMatch(/CONNECTOR\.INVALID_FILE/);
    expect(schema.stderr).toMatch(/tenants\.chus\.jira\.priorities\.Blocker: must be P1, P2, P3 or P4/);
    expect(schema.stderr).toMatch(/tenants\.chus\.jira\.colour: is not a known key/);
    const expression = runCli(['connectors', 'validate', file('version: 1\ntenants:\n  cusm:\n    rt:\n      fields: { ticketId: "ticket.[" }\n')]);
    expect(expression.stderr).toMatch(/tenants\.cusm\.rt\.fields\.ticketId: is not a JSONata expression/);
  });

  it('given a Jira payload on stdin, when mapped, then the ticket events are printed as JSON Lines with ids from the delivery header', () => {
    const payload = readFileSync(join(fixtures, 'jira/priority-changed.json'), 'utf8');
    const run = runCli(['connectors', 'map', '--source', 'jira', '--tenant', 'chus', '--header', 'X-Atlassian-Webhook-Identifier: d-42'], payload);
    expect(run.status).toBe(0);
    expect(run.lines).toEqual([expect.objectContaining({ eventId: 'jira:d-42:priority', type: 'ticket.updated', tenantId: 'chus', ticketId: 'SD-42', impact: 1, urgency: 1 })]);
  });

  it('given a payload the mapping cannot read, when mapped, then the error names the field and its path', () => {
    const run = runCli(['connectors', 'map', '--source', 'jira', '--tenant', 'chus'], '{"webhookEvent": "jira:issue_created", "timestamp": 1796535600000, "issue": {"fields": {"priority": {"name": "High"}}}}');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/CONNECTOR\.UNREADABLE_PAYLOAD/);
    expect(run.stderr).toMatch(/ticketId \(issue\.key\): is missing from the payload/);
  });
});
