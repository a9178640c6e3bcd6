// Test 5: the browser's CPU run equals the native reference run, step by step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { useApp, series, closeRel, REPO_ROOT, SLUG } from './harness.mjs';

const app = useApp();
const QUERY = 'dataset=spiral&seed=3&steps=40&width=16&depth=2&act=tanh&lr=0.1';
const REL_TOL = 1e-4;
const CARGO_TIMEOUT_MS = 10 * 60_000;

/** Run a command; resolve to its stdout. stderr goes to ours (cargo's progress stays visible). */
function run(cmd, args, { cwd, timeout }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, PATH: `${path.join(os.homedir(), '.cargo', 'bin')}${path.delimiter}${process.env.PATH}` },
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${signal ?? code}; stdout:\n${out.slice(-2000)}`));
    });
  });
}

/** The JSON object on stdout: the whole output, or else its last line that parses. */
function parseJsonOutput(out) {
  try {
    return JSON.parse(out);
  } catch {
    for (const line of out.trim().split('\n').reverse()) {
      if (!line.trim().startsWith('{')) continue;
      try {
        return JSON.parse(line);
      } catch {
        /* keep looking */
      }
    }
  }
  throw new Error(`no JSON object on stdout of the reference example:\n${out.slice(0, 2000)}`);
}

test('determinism: browser CPU run equals `cargo run --example reference`', { timeout: 15 * 60_000 }, async (t) => {
  const out = await run('cargo', ['run', '--quiet', '--example', 'reference', '--', QUERY], {
    cwd: REPO_ROOT,
    timeout: CARGO_TIMEOUT_MS,
  });
  const native = series(parseJsonOutput(out), 'train_loss');
  assert.ok(native.length >= 2, `native train_loss has ${native.length} points`);

  const p = await app.open(`/concepts/${SLUG}?backend=cpu&${QUERY}`);
  await p.waitForApp();
  await p.showPanel();
  await p.waitForStatus('done', { timeout: 120_000 });
  const web = series(await p.metrics(), 'train_loss');

  assert.deepEqual(
    web.map(([step]) => step),
    native.map(([step]) => step),
    'train_loss steps differ between browser and native',
  );
  const mismatches = [];
  let worst = 0;
  web.forEach(([step, w], i) => {
    const n = native[i][1];
    if (Number.isFinite(w) && Number.isFinite(n)) worst = Math.max(worst, Math.abs(w - n) / Math.max(Math.abs(w), Math.abs(n), 1e-30));
    if (!closeRel(w, n, REL_TOL)) mismatches.push(`step ${step}: browser ${w}, native ${n}`);
  });
  t.diagnostic(`${web.length} points; worst relative difference ${worst.toExponential(2)}`);
  assert.deepEqual(mismatches.slice(0, 10), [], `${mismatches.length} of ${web.length} losses differ by more than ${REL_TOL} relative`);
  p.assertNoPageErrors();
});
