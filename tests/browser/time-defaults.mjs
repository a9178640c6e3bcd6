// Times what a reader gets: for each slug given (or every built panel), opens its page with no
// query in a fresh headless Chromium page on the CPU backend and prints the seconds from
// navigation until every job of the panel is done. Not a test: it judges nothing.
//
//   TRAINLAB_DIST=dist-test node tests/browser/time-defaults.mjs [slug ...]
import { App, DIST } from './harness.mjs';

const app = new App({ dist: DIST, prefix: '/' });
await app.start();
try {
  const probe = await app.open('/');
  await probe.waitForApp();
  const registry = await probe.call('registry');
  const wanted = process.argv.slice(2);
  for (const c of registry.filter((r) => r.built && (wanted.length === 0 || wanted.includes(r.slug)))) {
    const t0 = Date.now();
    const p = await app.open(`/concepts/${c.slug}?backend=cpu`);
    await p.waitForStatus('done', { slug: c.slug, timeout: 600_000 });
    console.log(`${c.slug}: ${((Date.now() - t0) / 1000).toFixed(1)} s to done, ${await p.steps(c.slug)} steps`);
    await app.closePages();
  }
} finally {
  await app.stop();
}
