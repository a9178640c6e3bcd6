// Test 10: the app built with --public-url /sub/, served under /sub/ as a plain static host serves
// it (serve.mjs `spa: false`: no rewrite rules; a missing path gets 404.html with status 404, as on
// GitHub Pages). Every route, opened directly by its address, shows its page: the 404.html that
// scripts/site-files.mjs writes is the app itself, and every page carries the site's Content
// Security Policy (the other tests fail on any refusal of it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, assertGallery, hasBuild, DIST_SUB, SLUG, APP_START_MS } from './harness.mjs';

const app = useApp({ dist: DIST_SUB, prefix: '/sub/', optional: true, spa: false });
const skip = hasBuild(DIST_SUB) ? false : `no build in ${DIST_SUB} (trunk build --dist dist-sub --public-url /sub/)`;

test('sub-path on a static host: every route opens directly', { skip, timeout: 240_000 }, async (t) => {
  const p = await app.open('/');
  await p.waitForApp();
  const registry = await p.page.evaluate(() => window.trainlab.registry());
  const routes = ['/', '/no-such-page', ...registry.flatMap((c) => [`/concepts/${c.slug}?autoplay=0`, `/embed/${c.slug}?autoplay=0`])];
  const t0 = Date.now();
  for (const route of routes) {
    const response = await p.page.goto(app.url(route), { waitUntil: 'load', timeout: APP_START_MS });
    // Deep links are served by 404.html (status 404), the root by index.html.
    assert.equal(response.status(), route === '/' ? 200 : 404, `${route}: HTTP status`);
    const path = new URL(p.page.url()).pathname;
    assert.equal(path, app.appPathname(route.split('?')[0]), `${route}: the address changed`);
    await p.page.waitForFunction(
      (r) => {
        if (r === '/') return document.querySelectorAll('[data-testid="gallery"] li').length > 0;
        if (r === '/no-such-page') return /Not found/.test(document.querySelector('h1')?.textContent ?? '');
        return !!document.querySelector('[data-testid="panel"], .not-built');
      },
      route.split('?')[0],
      { timeout: APP_START_MS, polling: 100 },
    );
    // The page (index.html or 404.html) carries the site's policy: its own origin, WebAssembly,
    // and inline scripts only by their hashes.
    const policy = await p.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null);
    const scripts = /script-src ([^;]*)/.exec(policy ?? '')?.[1] ?? '';
    assert.match(scripts, /^'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]{44}')+$/, `${route}: script-src is "${scripts}"`);
    assert.match(policy, /default-src 'self'/, `${route}: ${policy}`);
  }
  t.diagnostic(`${routes.length} routes opened directly in ${Date.now() - t0} ms`);
  // Only the document's own 404s may show on the console (the status a static host gives them).
  const other = p.consoleErrors.filter((e) => !/status of 404/.test(e));
  assert.deepEqual(other, [], 'console errors other than the documents\' 404 status');
  p.assertNoPageErrors();
});

test('sub-path: gallery links stay under /sub/, and client-side navigation keeps the prefix', { skip, timeout: 120_000 }, async () => {
  const p = await app.open('/');
  await p.waitForApp();
  const items = await p.galleryItems();
  assertGallery(app, items); // links must be /sub/concepts/<slug>
  for (const item of items) {
    for (const href of item.hrefs) {
      const u = new URL(href);
      if (u.origin === new URL(p.page.url()).origin) {
        assert.ok(u.pathname.startsWith('/sub/'), `gallery link outside /sub/: ${href}`);
      }
    }
  }
  await p.testId('gallery').locator(`a[href$="concepts/${SLUG}"]`).first().click();
  await p.page.waitForURL((url) => url.pathname === `/sub/concepts/${SLUG}`, { timeout: 15_000 });
  await p.showPanel();
  p.assertNoPageErrors();
});
