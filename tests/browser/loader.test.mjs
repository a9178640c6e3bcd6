// The page's loader (assets/loader.js): which of the two builds a page downloads. The full build
// (Burn's WebGPU backend included) only when the app will train on WebGPU; the CPU-only build,
// about a quarter of the bytes, otherwise. Asserted on the app's own report (`backend().build`)
// and on the .wasm the page actually fetched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SLUG } from './harness.mjs';

const gpuBrowser = useApp({ webgpu: true });
const plainBrowser = useApp();

/** The .wasm files this page fetched, as paths. */
const wasmFetched = (p) =>
  p.page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((n) => n.endsWith('.wasm')));

async function opened(app, query) {
  const p = await app.open(`/concepts/${SLUG}?${query}`);
  await p.waitForApp();
  await p.showPanel();
  await p.waitForStatus(['running', 'done']);
  return p;
}

test('a software adapter and no ?backend loads only the CPU-only build, which trains', { timeout: 180_000 }, async (t) => {
  const p = await opened(gpuBrowser, 'steps=30');
  const backend = await p.backend();
  const wasm = await wasmFetched(p);
  t.diagnostic(`backend(): ${JSON.stringify(backend)}; fetched ${wasm.join(', ')}`);
  assert.equal(backend?.build, 'cpu', 'the CPU-only build did not load');
  assert.equal(backend?.name, 'cpu');
  assert.deepEqual(wasm.map((w) => !w.startsWith('/gpu/')), [true], `fetched: ${wasm.join(', ')}`);
  await p.waitForStatus('done');
  assert.equal(await p.steps(), 30);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});

test('?backend=gpu with an adapter loads the full build, and only it', { timeout: 180_000 }, async () => {
  const p = await opened(gpuBrowser, 'backend=gpu&steps=3');
  const backend = await p.backend();
  const wasm = await wasmFetched(p);
  assert.equal(backend?.build, 'gpu', `backend(): ${JSON.stringify(backend)}`);
  assert.equal(backend?.name, 'webgpu');
  assert.equal(wasm.length, 1, `fetched: ${wasm.join(', ')}`);
  assert.ok(wasm[0].startsWith('/gpu/'), `fetched: ${wasm[0]}`);
  p.assertNoPageErrors();
});

test('?backend=gpu without WebGPU loads the CPU-only build and says the adapter is missing', { timeout: 180_000 }, async () => {
  const p = await opened(plainBrowser, 'backend=gpu&steps=3');
  const backend = await p.backend();
  assert.equal(backend?.build, 'cpu', `backend(): ${JSON.stringify(backend)}`);
  assert.equal(backend?.name, 'cpu');
  const notice = await p.textOf(p.testId('backend-notice'));
  assert.match(notice, /no adapter/i, `notice: ${notice}`);
  p.assertNoPageErrors();
});

test('when the CPU-only build cannot be downloaded, the full build loads instead', { timeout: 180_000 }, async (t) => {
  // The CPU-only build is trunk's, at the root; the full one is under gpu/.
  const cpuWasm = (url) => url.pathname.endsWith('.wasm') && !url.pathname.includes('/gpu/');
  const setup = (context) => context.route(cpuWasm, (r) => r.fulfill({ status: 404, body: 'gone' }));
  const p = await plainBrowser.open(`/concepts/${SLUG}?backend=cpu&steps=5`, { setup });
  await p.waitForSteps(1, { timeout: 60_000 });
  const backend = await p.backend();
  t.diagnostic(`backend(): ${JSON.stringify(backend)}`);
  assert.equal(backend.build, 'gpu');
  assert.equal(backend.name, 'cpu', '?backend=cpu must still train on the CPU');
  p.assertNoPageErrors();
});
