import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlaNotification } from '@stageplus/contracts';
import { FAST_POLICY_PATH, testBrokers, ticketEvents, TopicRecorder, waitUntil } from '@stageplus/testing';
import { deleteKeysUnder } from './testing/redis-cleanup';
import { buildRelease, RecordingWebhook, RELEASE_SERVICES, ReleaseSystem } from './testing/release-system';

jest.setTimeout(150_000);

/** Every file under a directory, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

describe('the release directory (what the image ships)', () => {
  const releaseDir = join(mkdtempSync(join(tmpdir(), 'sla-release-')), 'release');
  const webhook = new RecordingWebhook();
  let system: ReleaseSystem | undefined;
  let recorder: TopicRecorder | undefined;

  beforeAll(async () => {
    // Built once for the suite: `npm ci --omit=dev` is most of its time (about 8 s here).
    const started = Date.now();
    await buildRelease(releaseDir);
    process.stderr.write(`release built in ${Date.now() - started} ms\n`);
    await webhook.up();
  }, 120_000);

  afterAll(async () => {
    await recorder?.stop();
    await system?.stop();
    await webhook.down();
    if (system) await deleteKeysUnder(`${system.id}:`); // the Redis is shared
    rmSync(join(releaseDir, '..'), { recursive: true, force: true });
  });

  it('holds the bundles of the five services and the production dependencies, and no tsx, jest, nx or TypeScript source', () => {
    for (const service of RELEASE_SERVICES) {
      for (const file of ['main.js', 'vendor.js', 'vendor-bundle.js']) expect(existsSync(join(releaseDir, 'dist/apps', service, file))).toBe(true);
    }
    // The image's services cannot write their code cache: the release wrote it, and they use it.
    for (const service of RELEASE_SERVICES) {
      const loader = join(releaseDir, 'dist/apps', service, 'vendor.js');
      const asked = spawnSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(loader)}).codeCache)`], { encoding: 'utf8' });
      expect({ service, codeCache: asked.stdout }).toEqual({ service, codeCache: 'used' });
    }
    for (const devOnly of ['tsx', 'jest', 'nx', 'esbuild', 'ts-jest']) expect(existsSync(join(releaseDir, 'node_modules', devOnly))).toBe(false);
    expect(existsSync(join(releaseDir, 'node_modules/@nestjs/core'))).toBe(true);
    expect(filesUnder(join(releaseDir, 'dist')).filter((file) => file.endsWith('.ts'))).toEqual([]);
  });

  it('runs the five services with plain node, and an event posted to intake comes out as an escalation and reaches the on-call webhook', async () => {
    system = new ReleaseSystem(releaseDir, FAST_POLICY_PATH, webhook.url);
    await system.createTopics();
    recorder = await new TopicRecorder(testBrokers().kafkaBrokers, [system.topics.escalations]).start();
    const readyMs = await system.start();
    process.stderr.write(`ready from the release (ms from spawn): ${JSON.stringify(readyMs)}\n`);

    const ticket = ticketEvents('tenant-a');
    const response = await system.post([ticket.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 })]); // P1: response 2 s
    expect(response.status).toBe(202);

    const escalated = (m: { value: unknown }) => (m.value as SlaNotification).ticketId === ticket.ticketId && (m.value as SlaNotification).type === 'sla.escalated';
    await recorder.waitFor((messages) => messages.some(escalated), 20_000);
    const first = recorder.messages.find(escalated)?.value as SlaNotification;
    expect({ clock: first.clock, level: first.level }).toEqual({ clock: 'response', level: 1 });
    await waitUntil(async () => (webhook.bodies.some((body) => body.includes(ticket.ticketId)) ? true : undefined), 20_000, `the bridge posting ${ticket.ticketId}`);
  });
});
