// Accessibility checks the registry test runs on every panel (and on the gallery):
// - axe-core (npm), WCAG 2 A and AA rules: no violation of serious or critical impact;
// - the keyboard: Tab, from the top of the page, reaches every visible control;
// - charts: each canvas or SVG chart names a text alternative (aria-describedby) that states what
//   it shows now (a line chart: its latest values), and offers its picture as a PNG.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page: [{ id, impact, help, nodes, targets }]. */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
}

/** Fails on any serious or critical axe violation; returns all of them, for a diagnostic. */
export async function assertAxe(page, where) {
  const all = await axeViolations(page);
  const bad = all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${where}: serious or critical accessibility violations`);
  return all;
}

/**
 * Presses Tab from the top of the page until focus comes round again, and returns the visible,
 * enabled controls it never reached (their tag and name).
 */
export async function unreachableByTab(page) {
  const total = await page.evaluate(() => {
    const sel = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    // checkVisibility also leaves out what a closed <details> holds.
    const visible = (e) => e.checkVisibility({ visibilityProperty: true }) && !e.closest('[inert]');
    const controls = [...document.querySelectorAll(sel)].filter((e) => !e.disabled && visible(e));
    controls.forEach((e, i) => (e.dataset.kb = String(i)));
    document.activeElement?.blur();
    window.__kbSeen = new Set();
    document.addEventListener('focusin', (ev) => ev.target.dataset?.kb && window.__kbSeen.add(ev.target.dataset.kb));
    return controls.length;
  });
  // Until every control has had focus, or three times round (scrollable boxes, which Chromium
  // makes focusable, and the browser's own stops take presses too).
  for (let i = 0; i < 3 * total + 10; i++) {
    await page.keyboard.press('Tab');
    if (i % 10 === 9 && (await page.evaluate((n) => window.__kbSeen.size >= n, total))) break;
  }
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-kb]')]
      .filter((e) => !window.__kbSeen.has(e.dataset.kb) && !(e.type === 'radio' && !e.checked))
      .map((e) => `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40)}"`),
  );
}

/** Every canvas or SVG chart: a PNG button, and a text alternative that says what it shows now. */
export async function checkChartAlternatives(page, where) {
  const charts = await page.evaluate(() =>
    [...document.querySelectorAll('figure.chart')]
      .filter((f) => f.querySelector(':scope > canvas, :scope > svg'))
      .map((f) => {
        const canvas = f.querySelector(':scope > canvas, :scope > svg');
        const summary = document.getElementById(canvas.getAttribute('aria-describedby') ?? '');
        return {
          caption: f.querySelector('figcaption')?.textContent.trim().slice(0, 50),
          line: !!f.querySelector('canvas.chart-canvas'),
          summary: summary?.textContent ?? null,
          png: [...f.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Download PNG'),
        };
      }),
  );
  assert.ok(charts.length >= 1, `${where}: no canvas chart`);
  for (const c of charts) {
    assert.ok(c.png, `${where}: "${c.caption}" offers no PNG`);
    assert.ok(c.summary, `${where}: "${c.caption}" has no text alternative`);
    const pattern = c.line ? /^Latest values\. .+: -?\d/ : /\d|^(Nothing drawn yet|No generation yet)\./;
    assert.match(c.summary, pattern, `${where}: "${c.caption}"'s text alternative`);
  }
  return charts.length;
}
