/// <reference lib="dom" />
import { DEFAULT_POLICY_PATH } from '@stageplus/sla-policy';
import { testBrokers, ticketEvents as ticket, waitUntil } from '@stageplus/testing';
import { Redis } from 'ioredis';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { farAwayContext, formatIn, launchChromium, screenshot, signIn } from './testing/console-browser';
import { seedConsole } from './testing/console-seed';
import { Pipeline } from './testing/pipeline';

jest.setTimeout(120_000);

const CHUS = 'chu-sainte-justine';
const LAVAL = 'cisss-laval';
const MONTREAL = 'America/Toronto';

/**
 * The SLA console in a real browser (Debian's chromium through playwright-core) against the
 * real services as processes, on the bundled STAGE+ policy: a PLUS P1 ticket of CHU
 * Sainte-Justine runs on a 24x7 clock, so its thresholds fall whatever the day.
 */
describe('the SLA console in a browser, against the running services', () => {
  const devKey = `dev-${Date.now()}-0123456789abcdef`;
  const lavalKey = `laval-${Date.now()}-0123456789abcdef`;
  const pipeline = new Pipeline(DEFAULT_POLICY_PATH, { tenants: [CHUS, LAVAL], devKey, keys: [{ id: 'ops-laval', key: lavalKey, tenants: [LAVAL] }] });
  const watched = ticket(CHUS);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seeded: Awaited<ReturnType<typeof seedConsole>>;

  beforeAll(async () => {
    await pipeline.start();
    await pipeline.startService('console');
    seeded = await seedConsole(pipeline, Date.now());
    browser = await launchChromium();
    context = await farAwayContext(browser);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await pipeline.stop();
    await deleteKeys(`${pipeline.id}:*`);
  });

  it('refuses a wrong key, then signs in with a right one into an HttpOnly session (the key kept nowhere in the page)', async () => {
    await page.goto(pipeline.url('console'));
    await screenshot(page, 'signin');
    await signIn(page, 'not-a-key-of-this-console');
    await page.waitForSelector('#signin-error:text("Clé refusée")');
    await signIn(page, devKey);
    await page.waitForSelector('#who:text("dev")');
    await page.waitForSelector('#policy-version:text("Politique stageplus-2023-12-08")');
    await page.waitForSelector('#feed .pill-live');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookie.value).not.toContain(devKey);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + document.cookie + location.href)).not.toContain(devKey);
    const anonymous = await fetch(`${pipeline.url('console')}/v1/feed`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
  });

  it('shows an escalation in the feed the moment its threshold fires, in Montréal time', async () => {
    // PLUS P1 response: 30 min around the clock, so 50 % falls 15 min after opening: 3 s from now.
    const openedAt = Date.now() - 15 * 60_000 + 3_000;
    await pipeline.postOk(watched.event('ticket.opened', openedAt, { impact: 1, urgency: 1 }));
    const row = await page.waitForSelector(`#feed-table tr[data-ticket="${watched.ticketId}"][data-type="sla.escalated"]`, { timeout: 30_000 });
    expect(await row.textContent()).toContain('Escalade niv. 1');
    await pipeline.recorder.waitFor(() => pipeline.fired(watched.ticketId).length > 0, 10_000);
    const [fired] = pipeline.fired(watched.ticketId);
    expect(await row.$eval('td', (td) => td.getAttribute('title'))).toBe(await formatIn(page, fired.value.firedAt, MONTREAL, 'fr-CA'));
  });

  it('lists the ticket on the at-risk board with its next threshold', async () => {
    const row = await page.waitForSelector(`#board-running tr[data-ticket="${watched.ticketId}"]`, { timeout: 20_000 });
    await page.waitForFunction((id) => document.querySelector(`#board-running tr[data-ticket="${id}"]`)?.textContent?.includes('75 %'), watched.ticketId, { timeout: 15_000 });
    expect(await row.textContent()).toContain('P1');
    await page.waitForSelector('#board-paused tbody tr');
    await screenshot(page, 'live');
  });

  it('opens the ticket page with each clock drawn, the fired threshold marked and its time', async () => {
    await page.click(`#feed-table tr[data-ticket="${watched.ticketId}"] a.ticket-link`);
    await page.waitForSelector('#clock-response svg.timeline .marker.fired[data-percent="50"]');
    await page.waitForSelector('#clock-response svg.timeline .marker.pending[data-percent="75"]');
    await page.waitForSelector('#clock-resolution svg.timeline .seg-running');
    expect(await page.textContent('#clock-response tr[data-percent="50"]')).toContain('déclenché');
    expect(await page.textContent('#ticket-history tr[data-type="ticket.opened"]')).toContain('P1');
    await screenshot(page, 'ticket');
    // A ticket on Laval's business hours, opened a day ago: the nights do not count.
    const { tenantId, ticketId } = seeded.businessHours;
    await page.goto(`${pipeline.url('console')}/#/ticket/${tenantId}/${ticketId}`);
    await page.waitForSelector('#clock-response svg.timeline .seg-outside_hours');
    await screenshot(page, 'ticket-business-hours');
    await page.goto(`${pipeline.url('console')}/#/ticket/${CHUS}/${watched.ticketId}`);
    await page.waitForSelector('#clock-response svg.timeline .marker.fired[data-percent="50"]');
  });

  it('switches every label to English and keeps the times in the establishment zone', async () => {
    await page.click('button[data-lang="en"]');
    await page.waitForSelector('#clock-response h2:text("Response")');
    expect(await page.textContent('#nav [data-route="live"]')).toBe('Live');
    expect(await page.textContent('#clock-response tr[data-percent="50"]')).toContain('fired');
    const [fired] = pipeline.fired(watched.ticketId);
    const shown = await page.textContent('#clock-response tr[data-percent="50"] td:nth-child(4)');
    expect(shown).toContain(await formatIn(page, fired.value.firedAt, MONTREAL, 'en-CA'));
    expect(shown).not.toContain(await formatIn(page, fired.value.firedAt, 'Asia/Tokyo', 'en-CA'));
    await page.click('#nav [data-route="live"]');
    await page.waitForSelector(`#feed-table tr[data-ticket="${watched.ticketId}"]:has-text("Escalation L1")`);
    await screenshot(page, 'live-en');
    await page.click('button[data-lang="fr"]');
  });

  it('charts compliance per month from the outcomes of closed tickets', async () => {
    // The page reads compliance once when it opens: wait until the console has every outcome.
    await waitUntil(async () => {
      const response = await fetch(`${pipeline.url('console')}/v1/compliance`, { headers: { authorization: `Bearer ${devKey}` } });
      return ((await response.json()) as { tickets: number }).tickets >= seeded.outcomes ? true : undefined;
    }, 30_000, 'the console to count every outcome');
    await page.click('#nav [data-route="compliance"]');
    await page.waitForSelector('#compliance-chart');
    await page.waitForFunction(() => document.querySelectorAll('#compliance-table tbody tr').length >= 6);
    expect(await page.textContent('#compliance-table')).toContain('CHU Sainte-Justine');
    expect(await page.textContent('#policy-history li[data-version="stageplus-2023-12-08"]')).toContain('en vigueur');
    await screenshot(page, 'compliance');
  });

  it('shows an establishment key only its own tickets, and refuses another establishment', async () => {
    const laval = await farAwayContext(browser);
    const lavalPage = await laval.newPage();
    await lavalPage.goto(pipeline.url('console'));
    await signIn(lavalPage, lavalKey);
    await lavalPage.waitForSelector('#feed .pill-live');
    await lavalPage.waitForSelector('#board-running tbody tr, #board .empty');
    expect(await lavalPage.isHidden('#tenant-picker')).toBe(true);
    expect(await lavalPage.$$(`[data-ticket="${watched.ticketId}"]`)).toHaveLength(0);
    expect(await lavalPage.$$eval('#board-running tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.tenant))).not.toContain(CHUS);
    await lavalPage.goto(`${pipeline.url('console')}/#/ticket/${CHUS}/${watched.ticketId}`);
    await lavalPage.waitForSelector('.form-error:text("ne donne pas accès")');
    const refused = await fetch(`${pipeline.url('console')}/v1/tenants/${CHUS}/tickets/${watched.ticketId}`, { headers: { authorization: `Bearer ${lavalKey}` } });
    expect(refused.status).toBe(403);
    await laval.close();
  });
});

/** The run's Redis keys (timer and priority prefixes): the shared Redis keeps nothing of a test. */
async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(testBrokers().redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
