import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, slaEvents, waitUntil } from '@stageplus/testing';
import type { AlertmanagerPayload } from '../forward-alerts/alertmanager-payload';
import type { PagerDutyEvent } from '../forward-alerts/pagerduty-event';
import { BridgeTestBed } from '../testing/bridge-test-bed';
import { WebhookReceiver } from '../testing/webhook-receiver';

jest.setTimeout(90_000);

const at = (minute: number) => new Date(Date.UTC(2026, 5, 16, 14, minute)).toISOString();

describe('several destinations from a bridge file, against the real Kafka and Redis', () => {
  let bed: BridgeTestBed;
  let vendor: WebhookReceiver;
  const dir = mkdtempSync(join(tmpdir(), 'bridge-file-int-'));

  afterAll(async () => {
    await bed?.cleanup();
    await vendor?.down();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends the establishment's alerts to its Alertmanager and only breaches to the vendor's PagerDuty, each resolved where it was opened", async () => {
    bed = await BridgeTestBed.create();
    vendor = await new WebhookReceiver(await freePort()).up();
    await bed.receiver.up();
    const file = join(dir, 'bridge.yaml');
    writeFileSync(file, `destinations:
  - name: ops-chus
    format: alertmanager
    url: ${bed.receiver.url}
    route: { tenants: [chu-sainte-justine] }
  - name: vendor-oncall
    format: pagerduty
    url: ${vendor.url}
    routingKey: vendor-key
    route: { types: [sla.breached] }
`);
    await bed.startBridge({ BRIDGE_FILE: file, BRIDGE_WEBHOOK_URL: '' });
    const chus = slaEvents('chu-sainte-justine', 'T-1');
    const laval = slaEvents('cisss-laval', 'T-2');
    const breachedClear = chus.cleared([{ percent: 50, type: 'sla.escalated', level: 1 }, { percent: 100, type: 'sla.breached', level: null }], at(30));
    await bed.publish('escalations', chus.escalated(50, 1, at(10)), laval.escalated(50, 1, at(10)), breachedClear);
    // The breach waits for level 1: from the other topic it could overtake it, and level 1 would be skipped as superseded.
    await waitUntil(async () => (bed.receiver.received.length >= 1 ? true : undefined), 30_000, 'level 1 to ops');
    await bed.publish('breaches', chus.breached(at(20)), breachedClear);

    const toOps = await waitUntil(async () => (bed.receiver.received.length >= 3 ? (bed.receiver.received as AlertmanagerPayload[]) : undefined), 30_000, 'three alerts to ops');
    const toVendor = await waitUntil(async () => (vendor.received.length >= 2 ? (vendor.received as PagerDutyEvent[]) : undefined), 30_000, 'two events to the vendor');
    expect(toOps.map((p) => `${p.alerts[0].labels.tenant}:${p.alerts[0].labels.level}:${p.status}`)).toEqual([
      'chu-sainte-justine:1:firing',
      'chu-sainte-justine:breach:firing',
      'chu-sainte-justine:breach:resolved',
    ]);
    expect(toVendor.map((e) => `${e.dedup_key}:${e.event_action}`)).toEqual([`${chus.alertKey}:trigger`, `${chus.alertKey}:resolve`]);
  });
});
