import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TicketEvent } from '@stageplus/contracts';
import { createKafka, EventPublisher, publishPolicyVersion, readPolicyStatuses } from '@stageplus/kafka';
import { DEFAULT_POLICY_PATH, policyDigest } from '@stageplus/sla-policy';
import { testBrokers, uniqueName, waitUntil } from '@stageplus/testing';
import { startIntake, type IntakeUnderTest } from '../testing/intake-under-test';

jest.setTimeout(60_000);

const DEV_KEY = 'dev-key-for-policy-versions-5e0a';
const TENANT = 'hopital-lyon';
const glpiCreated = readFileSync(join(__dirname, '../../../../libs/sla/connectors/src/presets/fixtures/glpi/ticket-created.json'), 'utf8');

/** The bundled policy as a new version that adds a tenant on a calendar of its own, in Paris. */
function versionWithLyon(): string {
  const lyon = '  lyon:\n    type: business\n    timeZone: Europe/Paris\n    week: { mon..fri: 09:00-17:00 }\n';
  const text = readFileSync(DEFAULT_POLICY_PATH, 'utf8').replace('version: stageplus-2023-12-08', 'version: intake-test-lyon').replace('\ncalendars:\n', `\ncalendars:\n${lyon}`);
  return `${text.trimEnd()}\n  ${TENANT}:\n    name: Hôpital de Lyon\n    plan: BASE\n    calendar: lyon\n`;
}

describe('webhooks follow the policy versions published on sla.policy (real Kafka)', () => {
  let intake: IntakeUnderTest;
  const kafka = createKafka({ brokers: testBrokers().kafkaBrokers, clientId: uniqueName('intake-policy-test') });

  beforeAll(async () => {
    intake = await startIntake({ partitions: 1, env: { INTAKE_DEV_API_KEY: DEV_KEY } });
  });
  afterAll(() => intake?.close());

  /** A GLPI ticket created at 09:00 local time (GLPI writes no offset), for the new tenant. */
  async function glpiTicket(id: number): Promise<TicketEvent> {
    const response = await fetch(`${intake.url}/v1/webhooks/glpi?tenant=${TENANT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEV_KEY}` },
      body: glpiCreated.replace('"id": 12,', `"id": ${id},`),
    });
    expect(response.status).toBe(202);
    const [eventId] = ((await response.json()) as { eventIds: string[] }).eventIds;
    return waitUntil(async () => intake.recorder!.of<TicketEvent>(intake.topic).find((m) => m.value.eventId === eventId)?.value, 10_000, eventId);
  }
  const policyDetail = async () => ((await intake.get('/health/ready')).body.checks as { policy: { detail: string } }).policy.detail;

  it('given a version adding a tenant in another zone, when published while intake runs, then its deliveries are read in that zone at once, and intake reports the version', async () => {
    expect(await policyDetail()).toBe('version stageplus-2023-12-08 in force, history of 1 version');
    const before = await glpiTicket(7101);
    expect(before.occurredAt).toMatch(/^2026-12-05T09:00:00(\.000)?-05:00$/); // not in the policy yet: the business calendar's zone

    const text = versionWithLyon();
    const publisher = new EventPublisher(kafka);
    await publisher.connect();
    await publishPolicyVersion(publisher, intake.policyTopic, { version: 'intake-test-lyon', text, digest: policyDigest(text), publishedAt: new Date().toISOString() });
    await publisher.disconnect();
    await waitUntil(async () => ((await policyDetail()) === 'version intake-test-lyon in force, history of 2 versions' ? true : undefined), 10_000, 'the new version in force');

    const after = await glpiTicket(7102);
    expect(after).toMatchObject({ tenantId: TENANT, ticketId: '7102', type: 'ticket.opened' });
    expect(after.occurredAt).toMatch(/^2026-12-05T09:00:00(\.000)?\+01:00$/);
    const statuses = await waitUntil(async () => {
      const held = [...(await readPolicyStatuses(kafka, `${intake.policyTopic}.status`)).values()].filter((s) => s.service === 'intake');
      return held.some((s) => s.version === 'intake-test-lyon') ? held : undefined;
    }, 10_000, 'intake reporting the version it holds');
    expect(statuses).toHaveLength(1);
  });
});
