// Test 10: the app built with --public-url /sub/ and served under /sub/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, assertGallery, hasBuild, DIST_SUB, SLUG } from './harness.mjs';

const app = useApp({ dist: DIST_SUB, prefix: '/sub/', optional: true });
const skip = hasBuild(DIST_SUB) ? false : `no build in ${DIST_SUB} (trunk build --dist dist-sub --public-url /sub/)`;

test('sub-path: the panel renders under /sub/', { skip, timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&autoplay=0`);
  assert.equal(new URL(p.page.url()).pathname, `/sub/concepts/${SLUG}`);
  await p.waitForApp();
  await p.showPanel();
  assert.equal(await p.status(), 'idle');
  p.assertNoPageErrors();
});

test('sub-path: gallery links stay under /sub/', { skip, timeout: 120_000 }, async () => {
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
  // Client-side navigation keeps the prefix.
  await p.testId('gallery').locator(`a[href$="concepts/${SLUG}"]`).first().click();
  await p.page.waitForURL((url) => url.pathname === `/sub/concepts/${SLUG}`, { timeout: 15_000 });
  await p.showPanel();
  p.assertNoPageErrors();
});
