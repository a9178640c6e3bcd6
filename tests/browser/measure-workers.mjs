// Prints what moving the engine into Web Workers changes, in headless Chromium on this machine. A
// benchmark, not a test: it asserts nothing and prints figures. Run it on a build from before the
// workers and on one from after, in the same session (the machines are noisy):
//
//   node tests/browser/measure-workers.mjs <dist-dir> [--only=grok,rate,jank,first]
//
// - grok:  panel 14's default run (p = 47, 2,500 steps, λ = 1 and λ = 0), navigation to "done",
//          with the pool's own size and with ?workers=2 (a build without workers ignores it).
// - rate:  panel 02's default run on the CPU, steps per second over 3 s after 1 s of warm-up.
// - jank:  panels 02, 14 (p = 113) and 15 training in three same-origin iframes of one page:
//          long tasks over 50 ms and the 95th-percentile animation-frame interval, over 8 s
//          (JANK_QUERY=&workers=2 adds to each panel's query; JANK_PANELS=grokking,… keeps only those).
// - first: navigation to the first training step read back and drawn (panel 02, CPU), median of 5.
// Where the page offers window.trainlab.engine(), each also prints where training ran and the
// workers' memory.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, REPO_ROOT } from './harness.mjs';

const dist = path.resolve(REPO_ROOT, process.argv[2] || 'dist');
const only = (process.argv.find((a) => a.startsWith('--only=')) || '--only=grok,rate,jank,first').slice(7).split(',');
const server = await startServer({ root: dist });
const base = server.url.replace(/\/$/, '');

async function withPage(fn) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    return await fn(await context.newPage(), context);
  } finally {
    await browser.close();
  }
}

const engine = (page) => page.evaluate(() => window.trainlab?.engine?.() ?? null);
const mb = (b) => `${(b / 2 ** 20).toFixed(1)} MB`;
const workersOf = (e) => (e ? e.workers.map((w) => `${w.backend} ${mb(w.memBytes)}, ${w.steps} steps`).join('; ') : 'no engine()');

async function grok(extra) {
  return withPage(async (page) => {
    const t0 = Date.now();
    await page.goto(`${base}/concepts/grokking?backend=cpu${extra}`);
    await page.waitForFunction(() => window.trainlab?.status('grokking') === 'done', null, { timeout: 600_000, polling: 200 });
    const ms = Date.now() - t0;
    return { ms, engine: await engine(page) };
  });
}

async function rate() {
  return withPage(async (page) => {
    const slug = 'backprop-gradient-descent';
    await page.goto(`${base}/concepts/${slug}?backend=cpu&steps=100000`);
    await page.waitForFunction((s) => window.trainlab?.steps(s) >= 1, slug, { timeout: 120_000, polling: 50 });
    const read = () => page.evaluate((s) => ({ steps: window.trainlab.steps(s), t: performance.now() }), slug);
    await page.waitForTimeout(1000);
    const a = await read();
    await page.waitForTimeout(3000);
    const b = await read();
    return { rate: (b.steps - a.steps) / ((b.t - a.t) / 1000), engine: await engine(page) };
  });
}

async function jank() {
  return withPage(async (page, context) => {
    const extra = process.env.JANK_QUERY ?? '';
    const frames = [
      'backprop-gradient-descent?backend=cpu&steps=100000',
      'grokking?backend=cpu&p=113&steps=100000',
      'model-collapse?backend=cpu',
    ]
      .filter((f) => !process.env.JANK_PANELS || process.env.JANK_PANELS.split(',').some((s) => f.startsWith(s)))
      .map((f) => f + extra);
    const html = `<!doctype html><body style="margin:0;display:flex">${frames
      .map((f) => `<iframe src="/embed/${f}" style="width:420px;height:880px;border:0"></iframe>`)
      .join('')}</body>`;
    await context.route(`${base}/jank.html`, (r) => r.fulfill({ body: html, contentType: 'text/html' }));
    await page.goto(`${base}/jank.html`);
    const slugs = frames.map((f) => f.split('?')[0]);
    for (const [i, f] of page.frames().slice(1).entries()) {
      await f.waitForFunction((s) => window.trainlab?.steps(s) >= 1, slugs[i], { timeout: 180_000, polling: 100 });
    }
    // Long tasks are counted in every frame (each iframe's own observer), frame gaps in the page.
    const longIn = (f, ms) =>
      f.evaluate(
        (ms) =>
          new Promise((resolve) => {
            const long = [];
            new PerformanceObserver((l) => long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
            setTimeout(() => resolve(long), ms);
          }),
        ms,
      );
    const inFrames = Promise.all(page.frames().slice(1).map((f) => longIn(f, 8000)));
    const out = await page.evaluate(
      (ms) =>
        new Promise((resolve) => {
          const long = [];
          new PerformanceObserver((l) => long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
          const gaps = [];
          let last = performance.now();
          const t0 = last;
          const tick = (t) => {
            gaps.push(t - last);
            last = t;
            if (t - t0 < ms) requestAnimationFrame(tick);
            else resolve({ long, gaps });
          };
          requestAnimationFrame(tick);
        }),
      8000,
    );
    out.long.push(...(await inFrames).flat());
    const sorted = [...out.gaps].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(0.95 * (sorted.length - 1))];
    const engines = [];
    for (const f of page.frames().slice(1)) engines.push(await f.evaluate(() => window.trainlab?.engine?.() ?? null));
    return { longTasks: out.long.length, longestMs: Math.max(0, ...out.long), p95, frames: out.gaps.length, engines };
  });
}

async function first() {
  const times = [];
  for (let i = 0; i < 5; i++) {
    times.push(
      await withPage(async (page) => {
        const slug = 'backprop-gradient-descent';
        const t0 = Date.now();
        await page.goto(`${base}/concepts/${slug}?backend=cpu`);
        await page.waitForFunction((s) => window.trainlab?.steps(s) >= 1, slug, { timeout: 120_000, polling: 'raf' });
        // The next frame is the one that draws it.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
        return Date.now() - t0;
      }),
    );
  }
  return times;
}

console.log(`\nbuild: ${dist}`);
if (only.includes('grok')) {
  const a = await grok('');
  console.log(`panel 14 default run: ${(a.ms / 1000).toFixed(1)} s (pool's own size); ${workersOf(a.engine)}`);
  const b = await grok('&workers=2');
  console.log(`panel 14 default run, ?workers=2: ${(b.ms / 1000).toFixed(1)} s; ${workersOf(b.engine)}`);
}
if (only.includes('rate')) {
  const r = await rate();
  console.log(`panel 02 CPU: ${r.rate.toFixed(0)} steps/s; ${workersOf(r.engine)}`);
}
if (only.includes('jank')) {
  const j = await jank();
  console.log(
    `02 + 14 (p = 113) + 15 in one page, 8 s: ${j.longTasks} long tasks (longest ${j.longestMs.toFixed(0)} ms), ` +
      `p95 frame interval ${j.p95.toFixed(1)} ms over ${j.frames} frames; steps run on the page's thread, per panel: ` +
      `${j.engines.map((e) => (e ? e.mainThreadSteps : 'n/a')).join(', ')}`,
  );
}
if (only.includes('first')) {
  const t = await first();
  const med = [...t].sort((a, b) => a - b)[2];
  console.log(`navigation -> first step drawn (panel 02, CPU): median ${med} ms of ${t.join(', ')} ms`);
}
await server.close();
process.exit(0);
