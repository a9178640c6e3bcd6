// Prints panel 02's training rate (steps/s) for its default run, on the CPU backend and on WebGPU
// (Chromium's SwiftShader adapter here), in headless Chromium. A benchmark, not a test: it asserts
// nothing and prints figures.
//
//   node tests/browser/measure-rate.mjs [dist-dir]        (default: dist, the release build)
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, WEBGPU_ARGS, REPO_ROOT, SLUG } from './harness.mjs';

const dist = path.resolve(REPO_ROOT, process.argv[2] || 'dist');
const server = await startServer({ root: dist });
const base = `http://127.0.0.1:${server.port ?? server.address().port}`;

async function measure(backend, seconds) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: backend === 'gpu' ? [...CHROMIUM_ARGS, ...WEBGPU_ARGS] : CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const t0 = Date.now();
    // The default run's settings, with a step budget long enough not to end inside the window.
    await page.goto(`${base}/concepts/${SLUG}?backend=${backend}&steps=100000`);
    await page.waitForFunction((s) => window.trainlab?.steps(s) >= 1, SLUG, { timeout: 120_000, polling: 50 });
    const firstStepMs = Date.now() - t0;
    const read = () => page.evaluate((s) => ({ steps: window.trainlab.steps(s), t: performance.now() }), SLUG);
    await page.waitForTimeout(1000); // warm-up
    const a = await read();
    await page.waitForTimeout(seconds * 1000);
    const b = await read();
    const info = await page.evaluate(() => window.trainlab.backend());
    const rate = (b.steps - a.steps) / ((b.t - a.t) / 1000);
    return { backend: info.name, adapter: info.adapter, stepsPerSec: rate, firstStepMs, steps: b.steps };
  } finally {
    await browser.close();
  }
}

const rows = [await measure('cpu', 3), await measure('gpu', 15)];
console.log(`\npanel 02 default run (${dist}):`);
console.log('| backend | adapter | steps/s | first step read back after navigation |');
console.log('| --- | --- | --- | --- |');
for (const r of rows) {
  console.log(`| ${r.backend} | ${r.adapter} | ${r.stepsPerSec.toFixed(1)} | ${r.firstStepMs} ms |`);
}
server.close?.();
process.exit(0);
