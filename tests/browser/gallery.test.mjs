// Tests 1 and 9: the gallery, site chrome and the not-found page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, assertGallery, APP_START_MS, CONCEPT_COUNT } from './harness.mjs';

const app = useApp();

test(`gallery lists ${CONCEPT_COUNT} concepts, each linking to /concepts/<slug>`, { timeout: 120_000 }, async (t) => {
  const p = await app.open('/');
  await p.waitForApp();
  const items = await p.galleryItems();
  const { slugs, bySlug } = assertGallery(app, items);
  const unbuilt = slugs.filter((s) => /not built yet/i.test(bySlug[s].text));
  t.diagnostic(`slugs: ${slugs.join(', ')}; not built yet: ${unbuilt.length}`);

  // Site chrome: a banner header naming the site, and a footer.
  const banner = p.page.getByRole('banner');
  assert.ok((await banner.count()) >= 1, 'no header with role banner');
  assert.match(await banner.first().innerText(), /Trainlab/, 'the header does not name the site "Trainlab"');
  assert.ok((await p.page.locator('footer').count()) >= 1, 'no footer');
  assert.equal(await p.page.title(), 'Trainlab · Training fundamentals, interactive');
  // A course: "start here" points at the first concept that trains, and ready panels say so.
  const start = await p.page.locator('.start-here a').evaluate((a) => a.href);
  assert.equal(new URL(start).pathname, app.appPathname('/concepts/cross-entropy'), 'start here');
  const ready = slugs.filter((s) => /trains live/i.test(bySlug[s].text));
  assert.equal(ready.length + unbuilt.length, slugs.length, 'every concept is marked ready or not built yet');
  // Each ready panel shows a small picture of what it trains, named for screen readers.
  for (const s of ready) {
    const li = p.testId('gallery').locator('li').filter({ has: p.page.locator(`a[href$="/concepts/${s}"]`) });
    const pic = li.locator('svg.thumbnail[role="img"]');
    assert.equal(await pic.count(), 1, `${s}: no picture in its gallery card`);
    assert.ok(((await pic.getAttribute('aria-label')) ?? '').length > 20, `${s}: the picture has no description`);
    assert.ok((await pic.locator('path, circle').count()) >= 1, `${s}: the picture draws nothing`);
  }

  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});

for (const path of ['/concepts/no-such-thing', '/nonsense']) {
  test(`not found: ${path} shows "Not found" and a link home`, { timeout: 120_000 }, async () => {
    const p = await app.open(path);
    await p.waitForApp();
    const heading = p.page.getByRole('heading', { level: 1, name: /not found/i });
    await heading.first().waitFor({ state: 'visible', timeout: APP_START_MS });
    const home = p.page.getByRole('link', { name: /home/i }).first();
    await home.waitFor({ state: 'visible', timeout: 10_000 });
    const href = await home.evaluate((a) => a.href);
    assert.equal(new URL(href).pathname, app.appPathname('/'), `the home link points to ${href}`);
    assert.equal(await p.page.title(), 'Not found · Trainlab');
    p.assertNoPageErrors();
    p.assertNoConsoleErrors();
  });
}
