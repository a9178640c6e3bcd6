// Short runs (issue 22): what a reader gets in the first second or two, not after a long warm-up.
// Each run is a fresh Chromium (no code cache, nothing tiered up) with one page, one untimed run of
// N steps, then N timed steps. Trainlab (CPU) and TF.js's wasm backend take turns, each in its own
// browser, five runs per workload; the figures are the minimum and median steps/s of each engine
// and of the ratios of paired runs (run i of Trainlab over run i of TF.js).
//
//   node bench/short.mjs [--dist dist] [--runs 5] [--workload spiral-mlp] [--out target/bench-short.json]
//
// bench/run.mjs calls `shortRuns` too, so `scripts/bench.sh` prints the same table.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/browser/harness.mjs';
import { startServer } from '../tests/browser/serve.mjs';
import { ROOT, arg, fmt, median } from './cli.mjs';

// Steps per run (untimed, then timed): W1's 300 is the issue's measurement; W2's and W3's take
// TF.js 3–6 s each.
export const SHORT_STEPS = { 'spiral-mlp': 300, 'grok-mlp': 10, 'char-transformer': 2 };

const summary = (xs) => ({ min: Math.min(...xs), median: median(xs), runs: xs });

// One fresh browser: open `url`, wait for `api`, run untimed then timed; steps/s of the timed run.
async function once(url, api, opts) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction((a) => window[a], api, { timeout: 120_000 });
    const run = ([a, o]) => window[a].run(o);
    await page.evaluate(run, [api, opts]);
    const r = await page.evaluate(run, [api, opts]);
    return r.stepsPerSec;
  } finally {
    await browser.close();
  }
}

// Five (or `runs`) short runs per workload, both engines; `log` gets one line per pair.
export async function shortRuns({ appUrl, peerUrl, runs = 5, workloads = Object.keys(SHORT_STEPS), log = () => {} }) {
  const rows = [];
  for (const workload of workloads) {
    const steps = SHORT_STEPS[workload];
    const ours = [];
    const theirs = [];
    for (let i = 0; i < runs; i++) {
      const o = { workload, steps, warmup: 0 };
      const t = () => once(`${appUrl}?backend=cpu&autoplay=0`, 'trainlabBench', { ...o, backend: 'cpu' });
      const p = () => once(`${peerUrl}peer/index.html`, 'tfjsBench', { ...o, backend: 'wasm' });
      // Alternate who goes first, so that neither always meets the machine in the same state.
      if (i % 2 === 0) {
        ours.push(await t());
        theirs.push(await p());
      } else {
        theirs.push(await p());
        ours.push(await t());
      }
      log(`short ${workload} run ${i + 1}: trainlab ${ours[i].toFixed(1)} | tfjs-wasm ${theirs[i].toFixed(1)} steps/s (${(ours[i] / theirs[i]).toFixed(2)}×)`);
    }
    rows.push({ workload, steps, trainlab: summary(ours), tfjs: summary(theirs), ratio: summary(ours.map((v, i) => v / theirs[i])) });
  }
  return rows;
}

// The Markdown table of `shortRuns`' rows.
export function shortTable(rows) {
  const lines = [
    `| workload (short: fresh browser, untimed run, timed run of N steps) | N | Trainlab CPU steps/s min / median | TF.js wasm steps/s min / median | ratio min / median (paired runs) |`,
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    lines.push(`| ${r.workload} | ${r.steps} | ${fmt(r.trainlab.min)} / ${fmt(r.trainlab.median)} | ${fmt(r.tfjs.min)} / ${fmt(r.tfjs.median)} | ${r.ratio.min.toFixed(2)}× / ${r.ratio.median.toFixed(2)}× |`);
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = arg('--workload', null);
  const app = await startServer({ root: path.resolve(ROOT, arg('--dist', 'dist')) });
  const peer = await startServer({ root: path.join(ROOT, 'bench') });
  const rows = await shortRuns({ appUrl: app.url, peerUrl: peer.url, runs: Number(arg('--runs', '5')), workloads: only ? [only] : undefined, log: (l) => console.error(l) });
  await app.close();
  await peer.close();
  const out = path.resolve(ROOT, arg('--out', 'target/bench-short.json'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), rows }, null, 2));
  console.log(shortTable(rows));
}
