// Debian's Chromium driven by playwright-core (which downloads no browser of its own), for the
// tests of the pages drq makes.

import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { requires } from './support.js';

// DRQ_CHROMIUM points elsewhere (the plain-clone test uses it to stand for a machine without Chromium).
const CHROMIUM = process.env.DRQ_CHROMIUM ?? '/usr/bin/chromium';

/** A headless Chromium, or null (skipped, or failed under CI=true) when it is not installed. */
export async function launchChromium(): Promise<Browser | null> {
  if (!requires(`Chromium at ${CHROMIUM} (apt-get install chromium)`, existsSync(CHROMIUM))) return null;
  return chromium.launch({
    executablePath: CHROMIUM,
    // This machine's network is closed: no background connections, no component updates.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}

/** Console errors, page errors and requests to anywhere but `allowed`, collected as they happen. */
export function watchProblems(tab: Page, allowed: (url: string) => boolean): string[] {
  const problems: string[] = [];
  tab.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  tab.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  tab.on('request', (r) => { if (!allowed(r.url())) problems.push(`request: ${r.url()}`); });
  return problems;
}
