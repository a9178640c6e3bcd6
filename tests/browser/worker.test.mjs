// Web Workers, first step: a worker runs the page's own compiled module (passed to it, not fetched
// again) and answers that it is ready. Training does not run in workers yet (docs/workers-plan.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './harness.mjs';

const app = useApp();
const gpuApp = useApp({ webgpu: true });

/** Pings a worker from `path` and checks it runs the page's build from the page's one download. */
async function pingFrom(t, app, path) {
  const p = await app.open(path);
  await p.waitForApp();
  const reply = await p.page.evaluate(() => window.trainlab.debug.pingWorker());
  t.diagnostic(`worker: ${JSON.stringify(reply)}`);
  assert.equal(reply?.t, 'ready', `the worker answered ${JSON.stringify(reply)}`);
  assert.equal(reply.build, (await p.backend()).build, 'the worker runs another build than the page');
  assert.ok(reply.memBytes >= 65536, `the worker's instance holds ${reply.memBytes} bytes`);
  // One .wasm download for page and worker together: the worker was handed the compiled module.
  const wasm = await p.page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((n) => n.endsWith('.wasm')),
  );
  assert.equal(wasm.length, 1, `fetched: ${wasm.join(', ')}`);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
  return reply;
}

test('the full build\'s worker runs the full build', { timeout: 120_000 }, async (t) => {
  const reply = await pingFrom(t, gpuApp, '/?backend=gpu');
  assert.equal(reply.build, 'gpu');
});

test('a Web Worker instantiates the page\'s own module without fetching it again', { timeout: 120_000 }, async (t) => {
  const reply = await pingFrom(t, app, '/?backend=cpu');
  assert.equal(reply.build, 'cpu');
});
