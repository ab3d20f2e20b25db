import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TicketEvent } from '@stageplus/contracts';
import { PRESETS, signatureOf } from '@stageplus/sla-connectors';
import { KEYS, startIntake, type Answer, type IntakeUnderTest } from '../testing/intake-under-test';

const fixture = (source: string, name: string) => readFileSync(join(__dirname, '../../../../libs/sla/connectors/src/presets/fixtures', source, `${name}.json`), 'utf8');
const JIRA_SECRET = 'jira-secret-of-chus-0123456789';

function connectorsFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'connectors-')), 'connectors.yaml');
  writeFileSync(path, `version: 1\ntenants:\n  chu-sainte-justine:\n    jira:\n      secret: ${JIRA_SECRET}\n      statuses: { "Attente client": pending_customer }\n`);
  return path;
}

describe('POST /v1/webhooks/{source}', () => {
  let intake: IntakeUnderTest;

  beforeAll(async () => {
    intake = await startIntake({ partitions: 1, env: { CONNECTORS_FILE: connectorsFile() } });
  });
  afterAll(() => intake?.close());

  async function deliver(path: string, body: string, headers: Record<string, string>): Promise<Answer> {
    const response = await fetch(`${intake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  }
  const bearer = { authorization: `Bearer ${KEYS.chus}` };
  const published = () => intake.recorder!.of<TicketEvent>(intake.topic).map((m) => m.value);

  it('given a Jira delivery with the key, when posted twice, then one event is on the topic keyed by ticket and the retry repeats its eventId', async () => {
    const headers = { ...bearer, 'x-atlassian-webhook-identifier': 'delivery-7001' };
    const first = await deliver('/v1/webhooks/jira?tenant=chu-sainte-justine', fixture('jira', 'issue-created'), headers);
    const again = await deliver('/v1/webhooks/jira?tenant=chu-sainte-justine', fixture('jira', 'issue-created'), headers);
    expect(first).toMatchObject({ status: 202, body: { accepted: 1, eventIds: ['jira:delivery-7001:opened'] } });
    expect(again.body).toEqual(first.body);
    await intake.recorder!.waitFor(() => published().some((e) => e.eventId === 'jira:delivery-7001:opened'), 10_000);
    const opened = intake.recorder!.of<TicketEvent>(intake.topic).find((m) => m.value.eventId === 'jira:delivery-7001:opened')!;
    expect(opened.key).toBe('chu-sainte-justine:SD-42');
    expect(opened.value).toMatchObject({ type: 'ticket.opened', ticketId: 'SD-42', impact: 2, urgency: 2 });
    expect(new Set(published().map((e) => e.eventId))).toEqual(new Set(['jira:delivery-7001:opened']));
  });

  it('given HTTP Basic with the key as password, then the delivery is accepted', async () => {
    const basic = { authorization: `Basic ${Buffer.from(`jira:${KEYS.chus}`).toString('base64')}` };
    const answer = await deliver('/v1/webhooks/jira?tenant=chu-sainte-justine', fixture('jira', 'resolved'), { ...basic, 'x-atlassian-webhook-identifier': 'd-basic' });
    expect(answer).toMatchObject({ status: 202, body: { eventIds: ['jira:d-basic:status'] } });
  });

  it("given Jira's signature with the tenant's secret and no key, then accepted; with a wrong one, 401 WEBHOOK.BAD_SIGNATURE", async () => {
    const body = fixture('jira', 'closed');
    const good = `sha256=${signatureOf(PRESETS.jira.signature!, JIRA_SECRET, body)}`;
    const signed = await deliver('/v1/webhooks/jira?tenant=chu-sainte-justine', body, { 'x-hub-signature': good, 'x-atlassian-webhook-identifier': 'd-signed' });
    const forged = await deliver('/v1/webhooks/jira?tenant=chu-sainte-justine', body, { 'x-hub-signature': `sha256=${'0'.repeat(64)}` });
    expect(signed).toMatchObject({ status: 202, body: { eventIds: ['jira:d-signed:status'] } });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(forged.body).toMatchObject({ status: 401, code: 'WEBHOOK.BAD_SIGNATURE' });
  });

  it('given no credentials or a wrong key, then 401 problem+json, nothing read', async () => {
    const none = await deliver('/v1/webhooks/jira?tenant=chu-sainte-justine', fixture('jira', 'resolved'), {});
    const wrong = await deliver('/v1/webhooks/jira?tenant=chu-sainte-justine', fixture('jira', 'resolved'), { authorization: 'Bearer not-a-key-of-anyone' });
    expect(none.body).toMatchObject({ status: 401, code: 'WEBHOOK.NO_CREDENTIALS' });
    expect(wrong.status).toBe(401);
  });

  it("given another tenant than the key's, then 403; given an unknown source, then 404", async () => {
    expect((await deliver('/v1/webhooks/jira?tenant=cusm', fixture('jira', 'resolved'), bearer)).status).toBe(403);
    expect((await deliver('/v1/webhooks/servicenow?tenant=chu-sainte-justine', '{}', bearer)).body).toMatchObject({ status: 404, code: 'WEBHOOK.UNKNOWN_SOURCE' });
  });

  it('given an update that changes nothing for the SLA, then 202 with why it is ignored', async () => {
    const answer = await deliver('/v1/webhooks/jira?tenant=chu-sainte-justine', fixture('jira', 'assignee-changed'), bearer);
    expect(answer).toEqual(expect.objectContaining({ status: 202, body: { ignored: 'jira:issue_updated: no rule of the jira mapping applies' } }));
  });

  it('given a payload without the issue key, then 400 naming the field and its JSONata path; given no tenant, then 400 naming it', async () => {
    const payload = JSON.parse(fixture('jira', 'resolved')) as { issue: { key?: string } };
    delete payload.issue.key;
    const answer = await deliver('/v1/webhooks/jira?tenant=chu-sainte-justine', JSON.stringify(payload), bearer);
    expect(answer.body).toMatchObject({ status: 400, code: 'WEBHOOK.UNREADABLE_PAYLOAD', errors: [{ field: 'ticketId (issue.key)', message: 'is missing from the payload' }] });
    const noTenant = await deliver('/v1/webhooks/jira', fixture('jira', 'resolved'), bearer);
    expect(noTenant.body).toMatchObject({ status: 400, code: 'WEBHOOK.TENANT_MISSING', errors: [{ field: 'tenant' }] });
  });

  it("given a status of the tenant's own (connectors file), then it maps as configured", async () => {
    const payload = fixture('jira', 'waiting-for-customer').replaceAll('"Waiting for customer"', '"Attente client"');
    const answer = await deliver('/v1/webhooks/jira?tenant=chu-sainte-justine', payload, { ...bearer, 'x-atlassian-webhook-identifier': 'd-own' });
    expect(answer.status).toBe(202);
    await intake.recorder!.waitFor(() => published().some((e) => e.eventId === 'jira:d-own:status'), 10_000);
    expect(published().find((e) => e.eventId === 'jira:d-own:status')).toMatchObject({ type: 'ticket.updated', status: 'pending_customer' });
  });
});
