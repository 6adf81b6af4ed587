import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
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
 * too, and the page is put back as it was. A step may say otherwise for itself: the pages that
 * layout.e2e.test.ts visits at every width need no second look from a journey.
 */
export function screenshots(journey: string, options: { bothWidths?: boolean } = {}) {
  const dir = path.resolve(__dirname, '../../artifacts/screenshots', journey);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let step = 0;
  return async (page: Page, name: string, { bothWidths = options.bothWidths } = {}) => {
    step += 1;
    const file = (suffix: string) => path.join(dir, `${String(step).padStart(2, '0')}-${name}${suffix}.png`);
    if (!bothWidths) {
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

/** A date field's boxes (DateField: a group named by its legend), day, month and year in that order. */
function dateBoxes(within: Page | Locator, legend: string | RegExp): Locator {
  return within.getByRole('group', { name: legend }).getByRole('textbox');
}

/** Types a date ('YYYY-MM-DD') into a date field's boxes as a person would: 27, 3, 2007. */
export async function fillDate(within: Page | Locator, legend: string | RegExp, iso: string) {
  const [year, month, day] = iso.split('-') as [string, string, string];
  const boxes = dateBoxes(within, legend);
  expect(await boxes.count(), `the date field «${String(legend)}»`).toBe(3);
  await boxes.nth(0).fill(String(Number(day)));
  await boxes.nth(1).fill(String(Number(month)));
  await boxes.nth(2).fill(year);
}

/** What a date field's boxes say, as 'YYYY-MM-DD' ('' when empty; as typed when not a date). */
export async function dateValue(within: Page | Locator, legend: string | RegExp): Promise<string> {
  const [day, month, year] = await Promise.all(
    [0, 1, 2].map((i) => dateBoxes(within, legend).nth(i).inputValue()),
  );
  if (!day && !month && !year) return '';
  return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
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

/**
 * What a reader would see as broken at the page's current width, in words: the page or a panel
 * scrolling sideways; anything sticking out of its panel (a table's last columns, a button); a
 * scrolling box that hides part of its content; a word of a few letters broken over lines (a
 * column squeezed to one character). Screen-reader-only text is left out, except that it too
 * must not widen the page.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (element: Element) => {
      const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const classes =
        typeof element.className === 'string' && element.className
          ? `.${element.className.split(' ').join('.')}`
          : '';
      return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${classes} «${text}»`;
    };
    // Screen-reader-only: in a 1 px clipped box (.visually-hidden, a phone table's header row).
    const clipped = new Map<Element, boolean>();
    const hidden = (element: Element): boolean => {
      if (element.closest('[hidden], option, script, style')) return true;
      const known = clipped.get(element);
      if (known !== undefined) return known;
      const box = element.getBoundingClientRect();
      const result =
        (box.width <= 1 && box.height <= 1 && getComputedStyle(element).overflow === 'hidden') ||
        (element.parentElement ? hidden(element.parentElement) : false);
      clipped.set(element, result);
      return result;
    };
    const seen = (element: Element) => element.getClientRects().length > 0 && !hidden(element);
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 0.5) {
      const culprits = [...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5)
        .slice(-3)
        .map((element) => `${name(element)} to ${Math.round(element.getBoundingClientRect().right)} px`);
      // Or a word too long for its line, running past its box.
      const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const measure = document.createRange();
      for (let node = texts.nextNode(); node && culprits.length < 4; node = texts.nextNode()) {
        measure.selectNodeContents(node);
        const right = Math.max(0, ...[...measure.getClientRects()].map((r) => r.right));
        if (right > root.clientWidth + 0.5)
          culprits.push(
            `the text «${(node.textContent ?? '').trim().slice(0, 40)}» to ${Math.round(right)} px`,
          );
      }
      problems.push(
        `the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window: ${culprits.join('; ')}`,
      );
    }
    for (const panel of document.querySelectorAll('.panel, dialog[open], .error-summary')) {
      if (!seen(panel)) continue;
      const edge = panel.getBoundingClientRect().right;
      const out = [...panel.querySelectorAll('*')].find(
        (element) => seen(element) && element.getBoundingClientRect().right > edge + 0.5,
      );
      if (out)
        problems.push(
          `${name(out)} sticks out of its panel by ${Math.round(out.getBoundingClientRect().right - edge)} px`,
        );
    }
    for (const element of document.querySelectorAll('body *')) {
      const style = getComputedStyle(element);
      if (
        seen(element) &&
        ['auto', 'scroll'].includes(style.overflowX) &&
        element.scrollWidth > element.clientWidth + 1
      )
        problems.push(
          `${name(element)} hides ${element.scrollWidth - element.clientWidth} px behind a sideways scroll`,
        );
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !seen(parent) || parent.closest('textarea, select, svg')) continue;
      // Words as a reader sees them; a hyphen or a slash is a fair place to break a line.
      for (const match of (node.textContent ?? '').matchAll(/[^\s\-–—/]+/g)) {
        // A longer run (an e-mail address, a link) may wrap where it must.
        if (match[0].length < 2 || match[0].length > 20) continue;
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
        );
        if (lines.size > 1) {
          problems.push(`«${match[0]}» is broken over ${lines.size} lines in ${name(parent)}`);
          break;
        }
      }
    }
    return [...new Set(problems)].slice(0, 8);
  });
}
