// The in-browser benchmark (issue 5): Trainlab's engine against TF.js on the reference workloads,
// side by side in one headless Chromium session, plus load and responsiveness figures. A benchmark,
// not a test: it asserts nothing, prints a Markdown table and writes JSON.
//
//   node bench/run.mjs [--dist dist] [--out target/bench.json] [--quick]
//
// scripts/bench.sh builds the release site and installs the npm packages first.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, WEBGPU_ARGS } from '../tests/browser/harness.mjs';
import { startServer } from '../tests/browser/serve.mjs';
import { ROOT, arg, fmt } from './cli.mjs';
import { shortRuns, shortTable } from './short.mjs';

const quick = process.argv.includes('--quick');
const dist = path.resolve(ROOT, arg('--dist', 'dist'));
const out = path.resolve(ROOT, arg('--out', 'target/bench.json'));

// Steps per run: [warmup, timed]. The warm-up is long enough (about a second) for the browser to
// move the hot wasm and JS code to its optimising tier, for both engines (bench/short.mjs, run
// after these, measures the first second instead). WebGPU here is Chromium's
// SwiftShader software adapter, so its runs are short; on a real GPU, raise them.
const STEPS = {
  cpu: { 'spiral-mlp': [300, quick ? 300 : 1000], 'grok-mlp': [10, quick ? 8 : 30], 'char-transformer': [2, quick ? 3 : 8] },
  webgpu: { 'spiral-mlp': [3, quick ? 5 : 20], 'grok-mlp': [2, quick ? 3 : 6], 'char-transformer': [1, 2] },
};
// Which TF.js backend each Trainlab backend is compared with.
const PEER = { cpu: 'wasm', webgpu: 'webgpu' };


// `untimed`: run once first and discard the result (see the CPU warm-up note below).
async function timed(page, fn, opts, untimed = false) {
  try {
    if (untimed) await page.evaluate(fn, opts);
    return await page.evaluate(fn, opts);
  } catch (e) {
    return { error: String(e.message ?? e).split('\n')[0] };
  }
}

async function workloads(browser, app, peer) {
  const theirs = await browser.newPage();
  await theirs.goto(`${peer.url}peer/index.html`);
  await theirs.waitForFunction(() => window.tfjsBench, null, { timeout: 60_000 });
  const rows = [];
  for (const backend of ['cpu', 'webgpu']) {
    // One Trainlab page per backend, opened only for its runs, as a reader's page has one:
    // `?backend=cpu` never starts WebGPU, and no idle WebGPU page is open during the CPU runs.
    const ours = await browser.newPage();
    await ours.goto(`${app.url}?backend=${backend === 'cpu' ? 'cpu' : 'gpu'}&autoplay=0`);
    await ours.waitForFunction(() => window.trainlabBench, null, { timeout: 120_000 });
    for (const workload of ['spiral-mlp', 'grok-mlp', 'char-transformer']) {
      const [warmup, steps] = STEPS[backend][workload];
      const opts = { workload, backend, steps, warmup };
      // Each page is brought to the front before it runs, so neither is timed as a background tab.
      // On the CPU each engine first does one untimed run of the same size: V8 moves hot wasm to
      // its optimising tier in the background, which for Trainlab's 21 MB module on 2 cores takes
      // longer than the in-call warm-up (the first W1 call read 352 steps/s, the next 1,357).
      const untimed = backend === 'cpu';
      await ours.bringToFront();
      const t = await timed(ours, (o) => window.trainlabBench.run(o), opts, untimed);
      await theirs.bringToFront();
      const p = await timed(theirs, (o) => window.tfjsBench.run(o), { ...opts, backend: PEER[backend] }, untimed);
      // TF.js's own CPU backend, for reference beside its wasm one.
      const pcpu = backend === 'cpu' ? await timed(theirs, (o) => window.tfjsBench.run(o), { ...opts, backend: 'cpu', steps: Math.max(2, Math.ceil(steps / 4)) }) : null;
      const row = { workload, backend, steps, trainlab: t, tfjs: p, tfjsCpu: pcpu, ratio: t.stepsPerSec / p.stepsPerSec };
      rows.push(row);
      console.error(`${workload} ${backend}: trainlab ${fmt(t.stepsPerSec)} ${t.error ?? ''} | tfjs-${PEER[backend]} ${fmt(p.stepsPerSec)} ${p.error ?? ''}`);
    }
    await ours.close();
  }
  await theirs.close();
  return rows;
}

// Both builds' .wasm (assets/loader.js downloads one): the CPU-only one in dist/, the full one in
// dist/gpu/ (absent when the build skipped it).
function wasmSizes() {
  return ['', 'gpu'].flatMap((dir) => {
    const d = path.join(dist, dir);
    const f = fs.existsSync(d) ? fs.readdirSync(d).find((n) => n.endsWith('.wasm')) : null;
    if (!f) return [];
    const buf = fs.readFileSync(path.join(d, f));
    return [{ build: dir ? 'full' : 'CPU-only', file: path.join(dir, f), raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length }];
  });
}

// Navigation to the first training step drawn: panel 02 on the CPU, until a step has been read back
// and the next animation frame has painted the charts. Five fresh pages (one figure is noisy on a
// loaded machine); the median is the figure, with every run kept in the JSON.
async function firstStep(browser, app, runs = 5) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}concepts/backprop-gradient-descent?backend=cpu`);
    await page.waitForFunction(() => window.trainlab?.steps('backprop-gradient-descent') >= 1, null, { timeout: 120_000, polling: 'raf' });
    // When the .wasm finished arriving: the rest is compile, start-up and the first step.
    all.push(await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => {
      const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      r({ ms: performance.now(), wasmLoadedMs: wasm ? wasm.responseEnd : null, wasm: wasm ? new URL(wasm.name).pathname : null, build: window.trainlab.backend().build });
    }))));
    await page.close();
  }
  const mid = [...all].sort((x, y) => x.ms - y.ms)[Math.floor(runs / 2)];
  return { navigationToFirstStepMs: mid.ms, wasmLoadedMs: mid.wasmLoadedMs, build: mid.build, runsMs: all.map((r) => Math.round(r.ms)), runs: all };
}

// Main-thread long tasks (> 50 ms) over 8 s while three embedded panels train on the CPU.
async function longTasks(browser, app) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 2400 } });
  await page.addInitScript(() => {
    window.__lt = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__lt.push(Math.round(e.duration)))).observe({ type: 'longtask' });
  });
  const slugs = ['backprop-gradient-descent', 'lr-schedules', 'model-collapse'];
  const html = slugs.map((s) => `<iframe src="/embed/${s}?backend=cpu" width="1200" height="760"></iframe>`).join('');
  await page.route(`${app.url}three-panels.html`, (r) => r.fulfill({ contentType: 'text/html', body: `<!doctype html>${html}` }));
  await page.goto(`${app.url}three-panels.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => f.contentWindow.trainlab?.steps?.(f.src.split('/embed/')[1].split('?')[0]) >= 1), null, { timeout: 120_000 });
  for (const f of page.frames()) await f.evaluate(() => { window.__lt = []; }).catch(() => {});
  await page.waitForTimeout(8000);
  const tasks = [];
  for (const f of page.frames()) tasks.push(...((await f.evaluate(() => window.__lt).catch(() => [])) ?? []));
  await page.close();
  return { watchedMs: 8000, panels: slugs, longTasksMs: tasks };
}

// Main-thread long tasks while one panel trains on the CPU, over 240 animation frames (about 4 s
// at 60 frames a second): panel 02, and panel 15, which retrains a model every few seconds and
// writes each generation's text on the host (spread over frames, so generation boundaries should
// not block the page either). The frame budget aims at no task over 50 ms; this prints what
// happened, with the steps the panel advanced meanwhile, and judges nothing (a loaded machine
// makes longer tasks). Startup's long tasks (compile, first build) are listed apart.
const TRAINING_FRAMES = 240;
const TRAINING_PAGES = [
  { slug: 'backprop-gradient-descent', query: 'steps=100000' },
  { slug: 'model-collapse', query: 'text_steps=100&fit_steps=20' },
];

async function trainingLongTasks(browser, app) {
  const rows = [];
  for (const { slug, query } of TRAINING_PAGES) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      window.__lt = [];
      try {
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) window.__lt.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
        }).observe({ type: 'longtask', buffered: true });
      } catch (e) {
        window.__ltError = String(e);
      }
    });
    const row = { slug, query, frames: TRAINING_FRAMES };
    try {
      await page.goto(`${app.url}concepts/${slug}?backend=cpu&${query}`);
      const panel = page.getByTestId('panel').first();
      await panel.waitFor({ state: 'visible', timeout: 120_000 });
      await panel.scrollIntoViewIfNeeded();
      await page.waitForFunction((s) => ['running', 'done', 'diverged'].includes(window.trainlab?.status?.(s)), slug, { timeout: 120_000, polling: 100 });
      // Startup's tasks are set aside; the watch starts here, with the steps done so far.
      const start = await page.evaluate((s) => {
        const startup = window.__lt.map((e) => e.duration);
        window.__lt = [];
        return { startup, steps: Number(window.trainlab.steps(s)), status: window.trainlab.status(s), t: performance.now() };
      }, slug);
      const end = await page.evaluate(
        ([s, k]) =>
          new Promise((resolve) => {
            let left = k;
            const tick = () => {
              if (--left > 0) return requestAnimationFrame(tick);
              resolve({ tasks: window.__lt, error: window.__ltError ?? null, steps: Number(window.trainlab.steps(s)), status: window.trainlab.status(s), t: performance.now() });
            };
            requestAnimationFrame(tick);
          }),
        [slug, TRAINING_FRAMES],
      );
      const durations = end.tasks.map((e) => e.duration);
      Object.assign(row, {
        watchedMs: Math.round(end.t - start.t),
        stepsBefore: start.steps,
        stepsAfter: end.steps,
        statusBefore: start.status,
        statusAfter: end.status,
        longestTaskMs: Math.max(0, ...durations),
        longTasksMs: durations,
        longTasks: end.tasks,
        startupLongTasksMs: start.startup,
        observerError: end.error,
      });
    } catch (e) {
      row.error = String(e.message ?? e).split('\n')[0];
    }
    rows.push(row);
    console.error(`long tasks, ${slug}: ${row.error ?? `longest ${row.longestTaskMs} ms, [${row.longTasksMs.join(', ')}] ms; steps ${row.stepsBefore} -> ${row.stepsAfter}`}`);
    await page.close();
  }
  return rows;
}

const app = await startServer({ root: dist });
const peer = await startServer({ root: path.join(ROOT, 'bench') });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS] });
const probe = await browser.newPage();
await probe.goto(`${app.url}?autoplay=0`);
const gpu = await probe.evaluate(async () => {
  const a = await navigator.gpu?.requestAdapter();
  return a ? `${a.info?.vendor ?? ''} ${a.info?.architecture ?? ''}`.trim() || 'adapter' : 'none';
});
await probe.close();
const result = {
  date: new Date().toISOString(),
  chromium: browser.version(),
  webgpuAdapter: gpu,
  wasm: wasmSizes(),
  firstStep: await firstStep(browser, app),
  longTasks: await longTasks(browser, app),
  trainingLongTasks: await trainingLongTasks(browser, app),
  workloads: await workloads(browser, app, peer),
};
await browser.close();
// What a reader gets in the first second or two: five fresh browsers per workload and engine
// (bench/short.mjs), after the long-warm-up runs above so that neither sees the other's browser.
result.short = await shortRuns({ appUrl: app.url, peerUrl: peer.url, runs: quick ? 3 : 5, log: (l) => console.error(l) });
await app.close();
await peer.close();
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(result, null, 2));

console.log(`\nChromium ${result.chromium}; WebGPU adapter: ${gpu}; ${dist}`);
console.log(`\n| workload | backend | Trainlab steps/s | TF.js steps/s | ratio | TF.js cpu steps/s |`);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of result.workloads) {
  const peerName = `${PEER[r.backend]}`;
  console.log(`| ${r.workload} | ${r.backend} (TF.js ${peerName}) | ${fmt(r.trainlab.stepsPerSec)} | ${fmt(r.tfjs.stepsPerSec)} | ${fmt(r.ratio)}× | ${r.tfjsCpu ? fmt(r.tfjsCpu.stepsPerSec) : ''} |`);
}
console.log(`\n${shortTable(result.short)}`);
const flav = result.workloads.find((r) => r.tfjs?.simd !== undefined)?.tfjs;
if (flav) console.log(`\nTF.js wasm backend: SIMD ${flav.simd ? 'on' : 'off'}, threads ${flav.threads ? 'on' : 'off'}.`);
const w = result.wasm;
console.log(`\n| load and responsiveness | figure |\n| --- | --- |`);
for (const b of w) console.log(`| .wasm, ${b.build} build (${b.file}) | ${(b.raw / 1e6).toFixed(1)} MB raw, ${(b.gzip / 1e6).toFixed(2)} MB gzipped |`);
const fst = result.firstStep;
console.log(`| navigation → first training step drawn (panel 02, CPU; median of ${fst.runsMs.length}) | ${Math.round(fst.navigationToFirstStepMs)} ms (${fst.build} build; its .wasm loaded at ${Math.round(fst.wasmLoadedMs ?? NaN)} ms; runs ${fst.runsMs.join(', ')} ms) |`);
const lt = result.longTasks.longTasksMs;
console.log(`| long tasks (> 50 ms) in 8 s, three embedded panels training | ${lt.length} (longest ${lt.length ? Math.max(...lt) : 0} ms) |`);
console.log(`\n| long tasks (> 50 ms) in ${TRAINING_FRAMES} frames of training, one panel on the CPU | watched | steps | longest task | long tasks | during startup (apart) |`);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of result.trainingLongTasks) {
  const page = `${r.slug}?${r.query}`;
  if (r.error) {
    console.log(`| ${page} | – | – | – | ${r.error} | |`);
    continue;
  }
  const list = r.observerError ? `observer failed: ${r.observerError}` : r.longTasksMs.length ? `${r.longTasksMs.length}: ${r.longTasksMs.join(', ')} ms` : 'none';
  const steps = `${r.stepsBefore} → ${r.stepsAfter} (+${r.stepsAfter - r.stepsBefore}; ${r.statusAfter})`;
  console.log(`| ${page} | ${r.watchedMs} ms | ${steps} | ${r.longestTaskMs} ms | ${list} | ${r.startupLongTasksMs.length ? `${r.startupLongTasksMs.join(', ')} ms` : 'none'} |`);
}
console.log(`\nwrote ${path.relative(ROOT, out)}`);
