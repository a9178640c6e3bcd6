// How much CPU the browser's optimising compiler (TurboFan) takes while a fresh page trains W1
// (issue 22). On a machine with few cores its background compile jobs compete with the training
// thread, so this is the part of the first second that code size controls. Each run is a fresh
// Chromium, traced (category v8.wasm): one untimed run of N steps, then N timed steps, as in
// bench/short.mjs. Prints per run the two runs' steps/s and TurboFan's CPU ms (thread time of its
// compile jobs) before the first step, during each run and in all, then the medians.
// A diagnostic, not a benchmark: tracing costs a little.
//
//   node bench/compile-cpu.mjs [--dist dist] [--runs 5] [--steps 300]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/browser/harness.mjs';
import { startServer } from '../tests/browser/serve.mjs';
import { ROOT, arg, median } from './cli.mjs';

const dist = path.resolve(ROOT, arg('--dist', 'dist'));
const runs = Number(arg('--runs', '5'));
const steps = Number(arg('--steps', '300'));
const traceFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trainlab-trace-')), 'trace.json');

// TurboFan's thread time inside [a, b) (µs), each job's time spread evenly over its wall time.
function turbofanMs(events, a, b) {
  let us = 0;
  for (const e of events) {
    if (e.name !== 'wasm.ExecuteCompilationUnits' || !e.dur) continue;
    const lo = Math.max(a, e.ts);
    const hi = Math.min(b, e.ts + e.dur);
    if (hi > lo) us += ((hi - lo) / e.dur) * (e.tdur ?? e.dur);
  }
  return us / 1000;
}

async function once(url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await browser.startTracing(page, { path: traceFile, categories: ['v8.wasm', 'blink.user_timing'] });
    await page.goto(url);
    await page.waitForFunction(() => window.trainlabBench, null, { timeout: 120_000 });
    const rates = await page.evaluate(async (n) => {
      const o = { workload: 'spiral-mlp', backend: 'cpu', steps: n, warmup: 0 };
      performance.mark('trainlab-t0');
      const out = [];
      for (const k of [1, 2]) {
        out.push((await window.trainlabBench.run(o)).stepsPerSec);
        performance.mark(`trainlab-t${k}`);
      }
      return out;
    }, steps);
    await browser.stopTracing();
    const events = JSON.parse(fs.readFileSync(traceFile)).traceEvents;
    const [t0, t1, t2] = [0, 1, 2].map((k) => events.find((e) => e.name === `trainlab-t${k}`).ts);
    return {
      untimed: rates[0],
      timed: rates[1],
      tfBefore: turbofanMs(events, 0, t0),
      tfUntimed: turbofanMs(events, t0, t1),
      tfTimed: turbofanMs(events, t1, t2),
      tfAll: turbofanMs(events, 0, Infinity),
    };
  } finally {
    await browser.close();
  }
}

const app = await startServer({ root: dist });
const rows = [];
for (let i = 0; i < runs; i++) {
  rows.push(await once(`${app.url}?backend=cpu&autoplay=0`));
  const r = rows.at(-1);
  console.log(`run ${i + 1}: ${Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
}
await app.close();
fs.rmSync(path.dirname(traceFile), { recursive: true, force: true });
const medians = Object.keys(rows[0]).map((k) => `${k} ${median(rows.map((r) => r[k])).toFixed(0)}`);
console.log(`median (steps/s; TurboFan CPU ms): ${medians.join(', ')}`);
