import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium, headless, with a fake camera; as root it needs --no-sandbox. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
}

/**
 * Numbered full-page screenshots in artifacts/screenshots/<journey>/. With `bothWidths`, each step
 * is taken at the page's width and at the other one (1280 or 360 px), checked to fit that width
 * too, and the page is put back as it was.
 */
export function screenshots(journey: string, options: { bothWidths?: boolean } = {}) {
  const dir = path.resolve(__dirname, '../../artifacts/screenshots', journey);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let step = 0;
  return async (page: Page, name: string) => {
    step += 1;
    const file = (suffix: string) => path.join(dir, `${String(step).padStart(2, '0')}-${name}${suffix}.png`);
    if (!options.bothWidths) {
      await page.screenshot({ path: file(''), fullPage: true });
      return;
    }
    const viewport = page.viewportSize()!;
    await page.screenshot({ path: file(`-${viewport.width}`), fullPage: true });
    const other = viewport.width < 500 ? 1280 : 360;
    await page.setViewportSize({ width: other, height: other < 500 ? 740 : 900 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    await expectFitsWidth(page, `${page.url()} at ${other} px`);
    await page.screenshot({ path: file(`-${other}`), fullPage: true });
    await page.setViewportSize(viewport);
  };
}

/** Nothing on the page reaches past the viewport's width (no sideways scrolling). */
export async function expectFitsWidth(page: Page, where = page.url()) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)} px)`,
      );
  });
  expect(overflow, `${where} is wider than the screen`).toEqual([]);
}

/** axe-core: no serious or critical violation on the page as it is now; and it fits the screen's width. */
export async function expectAccessible(page: Page) {
  await expectFitsWidth(page);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}
