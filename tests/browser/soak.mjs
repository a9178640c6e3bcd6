// Soak (not part of the test suite): one browser, one page, for a long time. It trains every
// built panel in turn at its defaults for --train seconds, then navigates through every route
// (gallery, /concepts/<slug>, /embed/<slug>) --rounds times inside the page, as a reader clicking
// links would. After each step it records the page's JS heap (after a forced GC), the page's
// WebAssembly memory, the workers' memory, and the jobs alive with the panel they belong to.
//
//   node tests/browser/soak.mjs [--dist dist-test] [--train 5] [--rounds 5] [--out target/soak.json]
//
// It prints the heap's growth after the warm-up (the first round of navigation) and the jobs left
// behind by panels no longer shown; the targets are under 10% and zero.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, REPO_ROOT } from './harness.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const dist = path.resolve(REPO_ROOT, args.dist ?? 'dist-test');
const trainS = Number(args.train ?? 5);
const rounds = Number(args.rounds ?? 5);
const out = path.resolve(REPO_ROOT, args.out ?? 'target/soak.json');

const server = await startServer({ root: dist });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
// The page's own WebAssembly memory, from the instance the loader starts.
await page.addInitScript(() => {
  addEventListener('TrunkApplicationStarted', (e) => (window.__wasmMemory = e.detail?.wasm?.memory));
});
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
await page.goto(server.url, { waitUntil: 'load' });
await page.waitForFunction(() => typeof window.trainlab?.registry === 'function', null, { timeout: 60_000 });
const registry = (await page.evaluate(() => window.trainlab.registry())).filter((c) => c.built);

/** Navigates inside the page, as the router does for a link, and waits for that route's page. */
async function go(route) {
  await page.evaluate((u) => {
    history.pushState(null, '', u);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, route);
  const [, kind, slug] = route.split('/');
  // A boolean, not the element: a returned element handle would keep every page alive.
  await page.waitForFunction(
    ([k, s]) => {
      if (!s) return !!document.querySelector('[data-testid="gallery"] li');
      const panel = document.querySelector(`[data-testid="panel"][data-slug="${s}"]`);
      return !!panel && !!panel.closest('.embed') === (k === 'embed');
    },
    [kind, slug],
    { timeout: 60_000, polling: 100 },
  );
  return slug ?? null;
}

/** One sample: memory after a GC, and the jobs alive and whose panel they are. */
async function sample(label, shown) {
  await page.evaluate(() => window.gc?.());
  const s = await page.evaluate(() => {
    const e = window.trainlab.engine();
    return {
      heap: performance.memory.usedJSHeapSize,
      wasm: window.__wasmMemory?.buffer.byteLength ?? null,
      workersMem: e.workers.reduce((a, w) => a + (w.live ? w.memBytes : 0), 0),
      liveWorkers: e.workers.filter((w) => w.live).length,
      jobs: e.jobs.map((j) => j.panel),
    };
  });
  const left = s.jobs.filter((p) => p !== shown);
  return { label, t: Date.now(), ...s, jobs: s.jobs.length, leftBehind: left.length, leftPanels: [...new Set(left)] };
}

const samples = [];
const t0 = Date.now();
for (const c of registry) {
  const shown = await go(`/concepts/${c.slug}`);
  await page.waitForTimeout(trainS * 1000); // a reader watching it train: the soak's point is time
  samples.push(await sample(`train ${c.slug}`, shown));
  console.log(`[soak] trained ${c.slug} for ${trainS} s: heap ${(samples.at(-1).heap / 1e6).toFixed(1)} MB`);
}
const routes = ['/', ...registry.flatMap((c) => [`/concepts/${c.slug}`, `/embed/${c.slug}`])];
const roundEnds = [];
for (let r = 0; r < rounds; r++) {
  for (const route of routes) samples.push(await sample(route, await go(route)));
  samples.push(await sample(`end of round ${r + 1}`, await go('/')));
  roundEnds.push(samples.at(-1));
  const s = samples.at(-1);
  console.log(
    `[soak] round ${r + 1}/${rounds}: heap ${(s.heap / 1e6).toFixed(1)} MB, wasm ${(s.wasm / 1e6).toFixed(1)} MB, ` +
      `workers ${(s.workersMem / 1e6).toFixed(1)} MB in ${s.liveWorkers}, jobs alive on the gallery ${s.jobs}`,
  );
}
const warm = roundEnds[0];
const last = roundEnds.at(-1);
const growth = (k) => (warm[k] ? (last[k] - warm[k]) / warm[k] : null);
const leftMax = Math.max(...samples.map((s) => s.leftBehind));
const summary = {
  minutes: (Date.now() - t0) / 60000,
  panels: registry.length,
  navigations: rounds * (routes.length + 1),
  heapAfterWarmup: warm.heap,
  heapAtEnd: last.heap,
  heapGrowth: growth('heap'),
  wasmGrowth: growth('wasm'),
  workersMemGrowth: growth('workersMem'),
  jobsLeftBehindMax: leftMax,
  pageErrors: errors,
};
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ summary, samples }, null, 1));
const pct = (x) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
console.log(
  `[soak] ${summary.navigations} navigations over ${registry.length} panels in ${summary.minutes.toFixed(1)} min: ` +
    `JS heap ${(warm.heap / 1e6).toFixed(1)} -> ${(last.heap / 1e6).toFixed(1)} MB after warm-up (${pct(summary.heapGrowth)}), ` +
    `wasm ${pct(summary.wasmGrowth)}, workers ${pct(summary.workersMemGrowth)}; ` +
    `jobs left behind at most ${leftMax}; page errors ${errors.length}. Samples: ${path.relative(REPO_ROOT, out)}`,
);
await browser.close();
await server.close();
process.exit(summary.heapGrowth !== null && summary.heapGrowth < 0.1 && leftMax === 0 && errors.length === 0 ? 0 : 1);
