// Debian's Chromium driven by playwright-core (which downloads no browser of its own), for the
// tests of the pages drq makes.

import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
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

/**
 * Opens a self-contained page from disk and lists each `.chart` element with the size of what
 * was drawn in it, and the problems seen; null when Chromium is absent (skipped).
 */
export async function drawnCharts(file: string): Promise<{ charts: { id: string; width: number; height: number }[]; problems: string[] } | null> {
  const browser = await launchChromium();
  if (!browser) return null;
  try {
    const tab = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems = watchProblems(tab, (u) => u.startsWith('file:'));
    await tab.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const charts = await tab.$$eval('.chart', (els) => els.map((el) => {
      const box = el.querySelector('canvas, svg')?.getBoundingClientRect();
      return { id: el.id, width: box?.width ?? 0, height: box?.height ?? 0 };
    }));
    return { charts, problems };
  } finally {
    await browser.close();
  }
}
