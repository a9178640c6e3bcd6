// Where a reference workload's time goes in the browser: runs `trainlabBench.run` under Chromium's
// sampling profiler (CDP `Profiler`) and prints the functions with the most self time, wasm and JS.
// A profiling aid, not a benchmark: the profiler itself slows the run a little.
//
//   node bench/profile.mjs [--dist dist-test] [--workload spiral-mlp] [--backend cpu] [--steps 1000]
//                          [--warmup 300] [--top 30] [--callers NAME]
//
// `--callers NAME` also lists who calls the functions whose name contains NAME, by samples.
// `--warmup 0` profiles a fresh page's first steps, baseline tier and all (issue 22).
//
// A dev build (dist-test, from scripts/test.sh) keeps wasm function names; a release build after
// wasm-opt may show only `wasm-function[N]`.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, WEBGPU_ARGS } from '../tests/browser/harness.mjs';
import { startServer } from '../tests/browser/serve.mjs';
import { ROOT, arg } from './cli.mjs';

const dist = path.resolve(ROOT, arg('--dist', 'dist-test'));
const workload = arg('--workload', 'spiral-mlp');
const backend = arg('--backend', 'cpu');
const steps = Number(arg('--steps', '1000'));
const warmup = Number(arg('--warmup', '300'));
const top = Number(arg('--top', '30'));
const callersOf = arg('--callers', null);

const app = await startServer({ root: dist });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS] });
const page = await browser.newPage();
await page.goto(`${app.url}?backend=${backend === 'cpu' ? 'cpu' : 'gpu'}&autoplay=0`);
await page.waitForFunction(() => window.trainlabBench, null, { timeout: 120_000 });
// Warm-up outside the profile, so the optimising tier has compiled the hot code.
if (warmup > 0) await page.evaluate((o) => window.trainlabBench.run(o), { workload, backend, steps: warmup, warmup: 0 });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const result = await page.evaluate((o) => window.trainlabBench.run(o), { workload, backend, steps, warmup: 0 });
const { profile } = await cdp.send('Profiler.stop');
await browser.close();
await app.close();

// Self time per function, from the sample counts (every sample has the same weight).
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const hits = new Map();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const self = new Map();
let total = 0;
for (const [id, count] of hits) {
  const f = byId.get(id).callFrame;
  const name = f.functionName || `(anonymous ${f.url.split('/').pop()}:${f.lineNumber})`;
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') continue;
  self.set(name, (self.get(name) ?? 0) + count);
  total += count;
}
console.log(`${workload} on ${backend}: ${result.stepsPerSec.toFixed(1)} steps/s under the profiler, ${total} busy samples`);
console.log('\n| self % | function |\n| ---: | --- |');
for (const [name, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`| ${((100 * count) / total).toFixed(1)} | \`${name.replace(/\|/g, '\\|').slice(0, 140)}\` |`);
}

if (callersOf) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const by = new Map();
  for (const [id, count] of hits) {
    if (!byId.get(id).callFrame.functionName.includes(callersOf)) continue;
    const p = byId.get(parent.get(id));
    const name = p?.callFrame.functionName || '(root)';
    by.set(name, (by.get(name) ?? 0) + count);
  }
  console.log(`\n| samples | caller of *${callersOf}* |\n| ---: | --- |`);
  for (const [name, count] of [...by].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`| ${count} | \`${name.slice(0, 140)}\` |`);
}
