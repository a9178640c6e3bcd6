// Checks written once over every built panel, read from window.trainlab.registry(), so a panel is
// covered the moment it is registered: it renders under /concepts/<slug> (with links to the
// previous and next concept) and /embed/<slug> (no site chrome), trains its test configuration
// to the end, reports every series it declares, survives a malformed URL value with a note and no
// console error, reproduces its metrics after a reload, offers every line chart's numbers as a CSV
// that holds what metrics() reports (csv-check.mjs), and has a control or part for every name
// `hide=` accepts, each of which `hide=` removes; every line chart has a legend in words; at 375 px
// nothing overflows and the first chart is on the first screen. The gallery agrees with the registry.
// Accessibility (a11y-check.mjs): no serious or critical axe-core violation on the gallery and on
// every trained panel, every control reachable by Tab and Play operable by the keyboard, every
// canvas chart with a PNG and a text alternative stating its latest values.
//
//   TRAINLAB_PANELS=grokking,adam-adamw   only these panels (local iteration)
import { checkCsvs, waitForShownDone } from './csv-check.mjs';
import { assertAxe, checkChartAlternatives, unreachableByTab } from './a11y-check.mjs';
import { test } from 'node:test';
import { readFile } from 'node:fs/promises';
import assert from 'node:assert/strict';
import { useApp, assertGallery, APP_START_MS } from './harness.mjs';

const app = useApp();

/** The registry, as the app reports it. */
async function registry() {
  const p = await app.open('/');
  await p.waitForApp();
  const r = await p.page.evaluate(() => window.trainlab.registry());
  assert.ok(Array.isArray(r) && r.length === 17, `registry() gave ${JSON.stringify(r)?.slice(0, 200)}`);
  return { p, r };
}

/** Every declared series is present, non-empty and finite (non-finite values arrive as null). */
function assertSeries(slug, metrics, names) {
  for (const name of names) {
    const s = metrics[name];
    assert.ok(Array.isArray(s) && s.length > 0, `${slug}: series ${name} missing or empty; have ${Object.keys(metrics)}`);
    assert.ok(s.every(([, v]) => Number.isFinite(v)), `${slug}: series ${name} has a non-finite value`);
  }
}

test('the gallery marks built exactly the panels the registry has', { timeout: 120_000 }, async (t) => {
  const { p, r } = await registry();
  const found = await assertAxe(p.page, 'the gallery');
  t.diagnostic(`gallery: axe found ${found.length} violations below serious: ${found.map((v) => `${v.id} (${v.impact})`).join(', ') || 'none'}`);
  const { slugs, bySlug } = assertGallery(app, await p.galleryItems());
  assert.deepEqual(slugs, r.map((c) => c.slug), 'gallery order differs from the registry');
  for (const c of r) {
    const marked = /not built yet/i.test(bySlug[c.slug].text);
    assert.equal(!marked, c.built, `${c.slug}: gallery says built=${!marked}, registry says ${c.built}`);
  }
});

test('every built panel, from the registry', { timeout: 8 * 60_000 }, async (t) => {
  const { r } = await registry();
  const only = process.env.TRAINLAB_PANELS?.split(',');
  const built = r.filter((c) => c.built && (!only || only.includes(c.slug)));
  assert.ok(built.length >= (only ? 1 : 6), `only ${built.length} built panels`);
  for (const c of built) {
    const num = String(c.number).padStart(2, '0');
    await t.test(`panel ${num} (${c.slug}): trains, reports its series and their CSVs, links its neighbours, reproduces after a reload`, async (st) => {
      const p = await app.open(`/concepts/${c.slug}?backend=cpu&${c.testQuery}`);
      await p.showPanel();
      await p.waitForStatus('done', { slug: c.slug, timeout: APP_START_MS });
      const first = await p.metrics(c.slug);
      assertSeries(c.slug, first, c.series);
      const rel = async (name) => {
        const link = p.page.locator(`nav.course-nav a[rel="${name}"]`);
        return (await link.count()) ? new URL(await link.first().evaluate((a) => a.href)).pathname : null;
      };
      const prev = r[c.number - 2];
      const next = r[c.number];
      assert.equal(await rel('prev'), prev ? app.appPathname(`/concepts/${prev.slug}`) : null, `${c.slug}: previous link`);
      assert.equal(await rel('next'), next ? app.appPathname(`/concepts/${next.slug}`) : null, `${c.slug}: next link`);
      await p.page.reload({ waitUntil: 'load' });
      await p.showPanel();
      await p.waitForStatus('done', { slug: c.slug, timeout: APP_START_MS });
      // Measured wall-clock times (step_ms_…) differ from run to run; every other series must not.
      const fixed = (m) => Object.fromEntries(Object.entries(m).filter(([k]) => !k.startsWith('step_ms_')));
      assert.deepEqual(fixed(await p.metrics(c.slug)), fixed(first), `${c.slug}: a reload gave other numbers`);
      // Every chart's CSV holds what metrics() reports (on this trained page, not a second run).
      await waitForShownDone(p, c.slug);
      await checkCsvs(p, c.slug, st);
      // The run as JSON: its parameters (seed included), backend, status and every series.
      const json = p.page.getByRole('button', { name: 'Download run (JSON)' });
      const [dl] = await Promise.all([p.page.waitForEvent('download', { timeout: 15_000 }), json.first().click()]);
      assert.equal(dl.suggestedFilename(), `trainlab-${c.slug}.json`);
      const run = JSON.parse(await readFile(await dl.path(), 'utf8'));
      assert.deepEqual([run.slug, run.backend, run.status], [c.slug, 'cpu', 'done'], `${c.slug}: the JSON's header`);
      assert.match(String(run.params.seed), /^\d+$/, `${c.slug}: the JSON has no seed: ${JSON.stringify(run.params)}`);
      const want = fixed(await p.metrics(c.slug));
      const got = fixed(run.series);
      const diff = Object.keys({ ...want, ...got }).filter((k) => JSON.stringify(want[k]) !== JSON.stringify(got[k]));
      assert.deepEqual(diff, [], `${c.slug}: the JSON's series differ from metrics(): ${diff.slice(0, 3).map((k) => `${k}: ${JSON.stringify(got[k])?.slice(0, 120)} vs ${JSON.stringify(want[k])?.slice(0, 120)}`).join(' | ')}`);
      // Accessibility, on the trained page: axe, Tab, the charts' alternatives.
      const found = await assertAxe(p.page, c.slug);
      const charts = await checkChartAlternatives(p.page, c.slug);
      assert.deepEqual(await unreachableByTab(p.page), [], `${c.slug}: controls Tab never reaches`);
      st.diagnostic(`${c.slug}: ${charts} charts with PNG and a text alternative; axe below serious: ${found.map((v) => `${v.id} (${v.impact})`).join(', ') || 'none'}`);
      assert.equal(await p.page.title(), `${num} ${c.title} · Trainlab`, `${c.slug}: the page title`);
      assert.match(await p.testId('watch').innerText(), /^Watch: \S/, `${c.slug}: no "Watch:" sentence`);
      const body = await p.page.locator('body').innerText();
      assert.ok(!body.includes('PARSE ERROR'), `${c.slug}: a formula shows PARSE ERROR`);
      assert.ok((await p.page.locator('.explain math').count()) >= 1, `${c.slug}: the explanation shows no formula`);
      // Legends in words: every line chart has one, and no entry is a bare series name.
      const bare = await p.page.locator('figure.chart:has(canvas.chart-canvas):not(:has(.legend li))').count();
      assert.equal(bare, 0, `${c.slug}: ${bare} line charts without a legend`);
      for (const entry of await p.page.locator('.chart .legend li').allInnerTexts()) {
        assert.doesNotMatch(entry.trim(), /^[a-z0-9]+(_[a-z0-9]+)+$/, `${c.slug}: legend entry "${entry}" is a series name`);
      }
      // At 375 px, once trained: nothing wider than the screen (formulas, charts, samples).
      await p.page.setViewportSize({ width: 375, height: 812 });
      const narrow = await p.page.evaluate(() => {
        const wide = [...document.querySelectorAll('.formula.block')].filter((f) => f.scrollWidth > f.clientWidth + 1);
        return {
          width: document.documentElement.scrollWidth,
          formulas: wide.map((f) => `${f.textContent.slice(0, 30)}… (${f.scrollWidth} px in ${f.clientWidth})`),
        };
      });
      assert.ok(narrow.width <= 375, `${c.slug}: at 375 px the page is ${narrow.width} px wide`);
      assert.deepEqual(narrow.formulas, [], `${c.slug}: formulas wider than their box at 375 px`);
      // Opened on a phone, the first chart starts on the first screen.
      const phone = await app.open(`/concepts/${c.slug}?backend=cpu&autoplay=0&${c.testQuery}`, { viewport: { width: 375, height: 812 } });
      await phone.panel().first().waitFor({ state: 'visible', timeout: APP_START_MS });
      const top = await phone.page.evaluate(() => {
        // The highest chart on screen: CSS order at this width may place a later one first.
        const tops = [...document.querySelectorAll('.panel figure.chart')].map((c) => c.getBoundingClientRect().top + window.scrollY);
        return tops.length ? Math.min(...tops) : null;
      });
      assert.ok(top !== null && top < 812, `${c.slug}: at 375 px the first chart starts at ${top} px`);
      p.assertNoPageErrors();
      p.assertNoConsoleErrors();
    });
    await t.test(`panel ${num} (${c.slug}): embeds without site chrome and notes a malformed value`, async () => {
      const key = c.testQuery.split('&')[0].split('=')[0];
      const p = await app.open(`/embed/${c.slug}?backend=cpu&autoplay=0&${c.testQuery}&${key}=banana`);
      await p.showPanel();
      for (const sel of ['header', 'footer', 'nav']) {
        assert.equal(await p.page.locator(sel).count(), 0, `/embed/${c.slug} has a <${sel}>`);
      }
      const notes = p.testId('url-notes').first();
      await notes.waitFor({ state: 'visible', timeout: 15_000 });
      assert.match(await notes.innerText(), new RegExp(`\\b${key}\\b`), `${c.slug}: the note does not name ${key}`);
      assert.equal(await p.status(c.slug), 'idle', `${c.slug}: autoplay=0 not respected`);
      // Operable from the keyboard: Play, focused and pressed with Enter, starts the run.
      await p.button('Play').first().focus();
      await p.page.keyboard.press('Enter');
      await p.waitForStatus(['running', 'done'], { slug: c.slug, timeout: 15_000 });
      assert.equal(await p.page.title(), `${c.title} · Trainlab`, `${c.slug}: the embed's title`);
      assert.match(await p.testId('watch').innerText(), /^Watch: \S/, `${c.slug}: the embed has no "Watch:" sentence`);
      const full = await p.page.locator('.embed-bar a.full-lesson').getAttribute('href');
      assert.equal(new URL(full, 'http://x').pathname, app.appPathname(`/concepts/${c.slug}`), `${c.slug}: link to the full lesson`);
      await p.frames(30);
      p.assertNoPageErrors();
      p.assertNoConsoleErrors();
    });
    await t.test(`panel ${num} (${c.slug}): every hideable name is a control or part, and hide= removes it`, async () => {
      assert.ok(Array.isArray(c.hideable) && c.hideable.length > 0, `${c.slug}: registry gives hideable ${c.hideable}`);
      const shown = async (p) =>
        p.page.evaluate(() => ({
          controls: [...document.querySelectorAll('[data-control]')].map((e) => e.dataset.control),
          parts: [...document.querySelectorAll('[data-part]')].map((e) => e.dataset.part),
        }));
      const p = await app.open(`/embed/${c.slug}?backend=cpu&autoplay=0&${c.testQuery}`);
      await p.showPanel();
      const all = await shown(p);
      const present = new Set([...all.controls, ...all.parts]);
      const missing = c.hideable.filter((n) => !present.has(n));
      assert.deepEqual(missing, [], `${c.slug}: hideable names with no control or part on the page`);
      const unlisted = all.controls.filter((n) => !c.hideable.includes(n));
      assert.deepEqual(unlisted, [], `${c.slug}: controls that hide= cannot name`);
      const q = await app.open(`/embed/${c.slug}?backend=cpu&autoplay=0&${c.testQuery}&hide=${c.hideable.join(',')}`);
      await q.showPanel();
      const left = await shown(q);
      assert.deepEqual(left, { controls: [], parts: [] }, `${c.slug}: still shown with everything hidden`);
      assert.equal(await q.testId('url-notes').count(), 0, `${c.slug}: hiding every hideable name gave a note`);
      q.assertNoPageErrors();
      q.assertNoConsoleErrors();
    });
  }
});
