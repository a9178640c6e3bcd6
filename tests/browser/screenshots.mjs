// Looks at panels as a reader does: for each built panel (or the slugs given), runs its test
// configuration to the end in headless Chromium and saves a PNG of the panel in light and dark at
// 1280 px and in light at 375 px, under target/screenshots/. Not a test: it judges nothing.
//
//   TRAINLAB_DIST=dist-test node tests/browser/screenshots.mjs [--defaults] [--sections] [slug ...]
//
// --defaults runs what a reader gets (no query) instead of the registry's reduced test query.
// --sections also saves each subpanel on its own (a 375 px page is too long to read in one).
import fs from 'node:fs';
import path from 'node:path';
import { App, DIST, REPO_ROOT } from './harness.mjs';

const OUT = path.join(REPO_ROOT, 'target', 'screenshots');
const VIEWS = [
  [1280, 'light'],
  [1280, 'dark'],
  [375, 'light'],
];

const app = new App({ dist: DIST, prefix: '/', webgpu: false, optional: false });
await app.start();
fs.mkdirSync(OUT, { recursive: true });
try {
  const home = await app.browser.newPage();
  await home.goto(app.url('/'), { waitUntil: 'load' });
  await home.waitForFunction(() => typeof window.trainlab?.registry === 'function', null, { timeout: 60_000 });
  const registry = await home.evaluate(() => window.trainlab.registry());
  await home.close();
  const args = process.argv.slice(2);
  const defaults = args.includes('--defaults');
  const sections = args.includes('--sections');
  const wanted = args.filter((a) => !a.startsWith('--'));
  const panels = registry.filter((c) => c.built && (wanted.length === 0 || wanted.includes(c.slug)));
  for (const c of panels) {
    for (const [width, scheme] of VIEWS) {
      const context = await app.browser.newContext({ viewport: { width, height: 1000 }, colorScheme: scheme });
      const page = await context.newPage();
      const query = defaults ? '' : `&${c.testQuery}`;
      await page.goto(app.url(`/concepts/${c.slug}?backend=cpu${query}`), { waitUntil: 'load' });
      await page.waitForFunction((s) => window.trainlab?.status(s) === 'done', c.slug, { timeout: 300_000 });
      // The panel shows "Done" in the same refresh that hands its charts the finished run.
      await page.locator('.play-controls .status').first().filter({ hasText: /^Done/ }).waitFor({ timeout: 60_000 });
      // Two animation frames for the canvases to paint what they were handed.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const file = path.join(OUT, `${c.slug}${defaults ? '-defaults' : ''}-${width}-${scheme}.png`);
      await page.locator('[data-testid=panel]').first().screenshot({ path: file });
      console.log(file);
      if (sections) {
        // One picture per subpanel too: a 375 px page is too long to read in one.
        const parts = page.locator('[data-testid=panel] section.subpanel');
        for (let i = 0; i < (await parts.count()); i++) {
          const part = file.replace(/\.png$/, `-section${i + 1}.png`);
          await parts.nth(i).screenshot({ path: part });
          console.log(part);
        }
      }
      await context.close();
    }
  }
} finally {
  await app.stop();
}
