// Malformed URLs across every built panel, read from window.trainlab.registry(): for each panel,
// generated queries whose first value is broken (NaN, ±inf, 1e999, hexadecimal, markup, a NUL,
// non-ASCII, a bad percent escape...) with unknown keys, repeated keys, a bad hide= list and a
// negative seed around it. Each is opened by navigating inside one page (alternating /concepts/
// and /embed/, so that the panel mounts again) and must show a note naming the broken key, with
// no page error and the panel on screen. The native fuzz test (tests/url_fuzz.rs) covers the
// parsing itself with 10⁵ queries per panel; this one covers the page around it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, APP_START_MS } from './harness.mjs';

const app = useApp();
const PER_PANEL = Number(process.env.TRAINLAB_MALFORMED_PER_PANEL || 12);

const BAD = [
  'banana', 'NaN', 'inf', '-inf', '1e999', '-1e999', '0x1F', '1,2', '%ZZ', '%00', '🦀', 'λ'.repeat(300),
  '<script>alert(1)</script>', 'null', '--1', '1e', '.', '+-3', "'; drop table", 'x'.repeat(5000),
];
const JUNK = ['zz=1', '=', '&&', 'hide=bogus,,', 'seed=-5', 'seed=1e99', 'autoplay=maybe', '%E2%82=1', 'a=b=c'];

/** A small deterministic generator (mulberry32), so that a failure names a URL that reproduces. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` malformed queries for a panel whose test configuration starts with `key`. */
function queries(key, n, seed) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const bad = BAD[(i + seed) % BAD.length];
    const junk = Array.from({ length: Math.floor(r() * 4) }, () => pick(JUNK));
    return [`${key}=${encodeURIComponent(bad)}`, ...junk, 'autoplay=0', 'backend=cpu'].join('&');
  });
}

test('malformed URLs on every built panel: a note each, no page error', { timeout: 6 * 60_000 }, async (t) => {
  const p = await app.open('/');
  await p.waitForApp();
  const built = (await p.page.evaluate(() => window.trainlab.registry())).filter((c) => c.built);
  let tried = 0;
  for (const [n, c] of built.entries()) {
    const key = c.testQuery.split('&')[0].split('=')[0];
    for (const [i, q] of queries(key, PER_PANEL, n + 1).entries()) {
      const url = `${i % 2 ? '/embed' : '/concepts'}/${c.slug}?${q}`;
      await p.page.evaluate((u) => {
        document.querySelectorAll('[data-testid=url-notes]').forEach((e) => e.setAttribute('data-old', ''));
        history.pushState(null, '', u);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, (({ pathname, search }) => pathname + search)(new URL(app.url(url))));
      const note = p.page.locator('[data-testid=url-notes]:not([data-old])');
      await note.waitFor({ timeout: APP_START_MS });
      const text = await note.textContent();
      assert.ok(text.includes(`${key}=`), `${url}: the note does not name ${key}: ${text.slice(0, 200)}`);
      assert.equal(await p.panel().count() > 0, true, `${url}: no panel on screen`);
      p.assertNoPageErrors();
      tried += 1;
    }
  }
  t.diagnostic(`${tried} malformed URLs over ${built.length} panels`);
  assert.equal(tried, built.length * PER_PANEL);
});
