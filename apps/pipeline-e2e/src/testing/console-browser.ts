import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const root = join(__dirname, '../../../..');

/** Debian's chromium, headless, with nothing reaching out to the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A browser context far from the establishments (Tokyo): a time shown in Montréal's local time
 * there can only come from the zone the server sent, never from the browser's.
 */
export function farAwayContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Tokyo', locale: 'fr-CA' });
}

/** Fills the sign-in form and submits it. */
export async function signIn(page: Page, key: string): Promise<void> {
  await page.waitForSelector('#signin-form');
  await page.fill('#api-key', key);
  await page.click('#signin-form button[type=submit]');
}

/** With `SCREENSHOTS=1` (`npm run screenshots`), saves the page as docs/screenshots/console-<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  const dir = join(root, 'docs/screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `console-${name}.png`), fullPage: false });
}

/** How the page formats an instant in a zone (same options as the console's `instant`). */
export function formatIn(page: Page, iso: string, timeZone: string, locale: string): Promise<string> {
  return page.evaluate(
    ([at, zone, loc]) => new Intl.DateTimeFormat(loc, { timeZone: zone, dateStyle: 'medium', timeStyle: 'long' }).format(new Date(at)),
    [iso, timeZone, locale] as const,
  );
}
