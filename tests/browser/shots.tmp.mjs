import { App, DIST } from './harness.mjs';
const app = new App({ dist: DIST, prefix: '/', webgpu: false, optional: false });
await app.start();
const shots = [
  ['backprop-gradient-descent', 'steps=300', 1280, 'light'],
  ['adam-adamw', 'steps=200', 1280, 'dark'],
  ['lr-schedules', '', 375, 'light'],
  ['cross-entropy', 'steps=200', 375, 'dark'],
  ['model-collapse', 'gens=12&text_gens=3&text_steps=60&chars=1000', 1280, 'light'],
  ['grokking', 'steps=300&p=23', 375, 'light'],
];
for (const [slug, q, width, scheme] of shots) {
  const context = await app.browser.newContext({ viewport: { width, height: 1000 }, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(app.url(`/concepts/${slug}?backend=cpu&${q}`), { waitUntil: 'load' });
  await page.waitForFunction((s) => window.trainlab?.status(s) === 'done', slug, { timeout: 120000 });
  await page.waitForTimeout(500);
  const panel = page.locator('[data-testid=panel]').first();
  await panel.screenshot({ path: `/tmp/shots/${slug}-${width}-${scheme}.png` });
  await context.close();
}
await app.stop();
console.log('done');
