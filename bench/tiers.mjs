// How a fresh page's W1 training reaches the browser's optimising tier (issue 22): V8 runs wasm
// first in its baseline compiler (Liftoff) and recompiles each function with its optimising one
// (TurboFan) once the function is hot. This prints, for one fresh Chromium:
//   - steps/s of back-to-back calls of 50 W1 steps (each builds its own model), with the time since
//     navigation: the climb from baseline to optimised code;
//   - every function TurboFan compiled meanwhile (V8's --trace-wasm-compilation-times, read from
//     the browser's stdout): how many, their wasm bytes, the compile time they took, the largest.
// A diagnostic, not a benchmark: the V8 flag only prints. Names show when the .wasm keeps its name
// section (wasm-opt -g, or a dev build); otherwise `wasm-function#N`.
//
//   node bench/tiers.mjs [--dist dist] [--calls 30] [--top 20] [--workload spiral-mlp]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/browser/harness.mjs';
import { startServer } from '../tests/browser/serve.mjs';
import { wasmFunctions } from '../tests/browser/wasm-code.mjs';
import { ROOT, arg } from './cli.mjs';

const dist = path.resolve(ROOT, arg('--dist', 'dist'));
const calls = Number(arg('--calls', '30'));
const top = Number(arg('--top', '20'));
const workload = arg('--workload', 'spiral-mlp');

// Chromium is started here rather than by Playwright, to read its stdout (V8 prints the trace
// there): "Compiled function 0x…#281 using TurboFan, took 16403 μs and … bytes; bodysize 4816 …".
const compiled = [];
const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trainlab-tiers-'));
const chrome = spawn(CHROMIUM, [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profileDir}`, '--js-flags=--trace-wasm-compilation-times', 'about:blank'], { stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
chrome.stdout.on('data', (d) => {
  out += d;
  const lines = out.split('\n');
  out = lines.pop();
  for (const line of lines) {
    const m = /Compiled function \S+#(\d+) using TurboFan, took (\d+) .s.*bodysize (\d+)/.exec(line);
    if (m) compiled.push({ index: Number(m[1]), us: Number(m[2]), bytes: Number(m[3]) });
  }
});
const ws = await new Promise((resolve, reject) => {
  let err = '';
  chrome.stderr.on('data', (d) => {
    err += d;
    const m = /DevTools listening on (ws:\S+)/.exec(err);
    if (m) resolve(m[1]);
  });
  chrome.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${err.slice(-500)}`)));
});

const app = await startServer({ root: dist });
const browser = await chromium.connectOverCDP(ws);
const page = await browser.newPage();
await page.goto(`${app.url}?backend=cpu&autoplay=0`);
await page.waitForFunction(() => window.trainlabBench, null, { timeout: 120_000 });
const points = await page.evaluate(async ([o, k]) => {
  const out = [];
  for (let i = 0; i < k; i++) {
    const r = await window.trainlabBench.run(o);
    out.push([Math.round(performance.now()), Math.round(r.stepsPerSec)]);
  }
  return out;
}, [{ workload, backend: 'cpu', steps: 50, warmup: 0 }, calls]);
// Closing over CDP ends Chromium normally, which flushes its (buffered) stdout.
const exited = new Promise((resolve) => chrome.on('exit', resolve));
await browser.close();
await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
chrome.kill();
await app.close();
fs.rmSync(profileDir, { recursive: true, force: true });

const wasm = fs.readdirSync(dist).find((f) => f.endsWith('.wasm'));
const named = new Map(wasmFunctions(path.join(dist, wasm)).map((f) => [f.index, f.name]));
console.log(`${workload}, calls of 50 steps (ms since navigation: steps/s): ${points.map(([t, v]) => `${t}: ${v}`).join(', ')}`);
const ms = compiled.reduce((s, c) => s + c.us, 0) / 1000;
const bytes = compiled.reduce((s, c) => s + c.bytes, 0);
console.log(`\nTurboFan compiled ${compiled.length} functions, ${(bytes / 1024).toFixed(0)} KiB of wasm, ${ms.toFixed(0)} ms of compile jobs (wall time per job, summed)\n`);
console.log('| compile ms | wasm bytes | function |\n| ---: | ---: | --- |');
for (const c of [...compiled].sort((a, b) => b.us - a.us).slice(0, top)) {
  const name = (named.get(c.index) ?? `wasm-function#${c.index}`).replace(/\|/g, '\\|').slice(0, 130);
  console.log(`| ${(c.us / 1000).toFixed(0)} | ${c.bytes} | \`${name}\` |`);
}
