// The engine in Web Workers: a worker runs the page's own compiled module (passed to it, not
// fetched again); jobs train there, not on the page's thread; two jobs of a panel go to two
// workers when two exist; Pause, Step and Reset still work; a worker that fails is reported on
// its panel and Reset starts its jobs again; where workers are forbidden, the page trains itself
// and says so. Where a job trains is read from window.trainlab.engine(), never from timing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SLUG } from './harness.mjs';

const app = useApp();
const gpuApp = useApp({ webgpu: true });

/** Pings a worker from `path` and checks it runs the page's build from the page's one download. */
async function pingFrom(t, app, path) {
  const p = await app.open(path);
  await p.waitForApp();
  const reply = await p.page.evaluate(() => window.trainlab.debug.pingWorker());
  t.diagnostic(`worker: ${JSON.stringify(reply)}`);
  assert.equal(reply?.t, 'ready', `the worker answered ${JSON.stringify(reply)}`);
  // The page names its build once its backend is chosen (with WebGPU, after the adapter request).
  await p.page.waitForFunction(() => window.trainlab.backend()?.build);
  assert.equal(reply.build, (await p.backend()).build, 'the worker runs another build than the page');
  assert.ok(reply.memBytes >= 65536, `the worker's instance holds ${reply.memBytes} bytes`);
  await assertOneWasmDownload(p);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
  return reply;
}

/** Page and workers together fetched the .wasm once: the workers were handed the compiled module. */
async function assertOneWasmDownload(p) {
  const wasm = await p.page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((n) => n.endsWith('.wasm')),
  );
  assert.equal(wasm.length, 1, `fetched: ${wasm.join(', ')}`);
}

const engine = (p) => p.page.evaluate(() => window.trainlab.engine());

test('the full build\'s worker runs the full build', { timeout: 120_000 }, async (t) => {
  const reply = await pingFrom(t, gpuApp, '/?backend=gpu');
  assert.equal(reply.build, 'gpu');
});

test('a Web Worker instantiates the page\'s own module without fetching it again', { timeout: 120_000 }, async (t) => {
  const reply = await pingFrom(t, app, '/?backend=cpu');
  assert.equal(reply.build, 'cpu');
});

test('a job trains in a worker: the page\'s own thread runs no step', { timeout: 120_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps=300`);
  await p.waitForStatus('done');
  const e = await engine(p);
  t.diagnostic(`engine(): ${JSON.stringify(e)}`);
  assert.equal(e.mode, 'workers');
  assert.equal(e.mainThreadSteps, 0, 'a step ran on the page\'s thread');
  const job = e.jobs.find((j) => j.panel === SLUG);
  assert.equal(typeof job?.worker, 'number', `the job is not on a worker: ${JSON.stringify(job)}`);
  assert.ok(e.workers[job.worker].steps >= 300, `worker steps: ${e.workers[job.worker].steps}`);
  assert.ok(e.workers[job.worker].memBytes > 0);
  await assertOneWasmDownload(p);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});

test('two jobs of one panel train in two workers when two exist', { timeout: 120_000 }, async (t) => {
  const p = await app.open('/concepts/lr-schedules?backend=cpu&workers=2&total=300&warmup=30');
  await p.waitForStatus('done', { slug: 'lr-schedules' });
  const e = await engine(p);
  t.diagnostic(`engine(): ${JSON.stringify(e)}`);
  const workers = e.jobs.filter((j) => j.panel === 'lr-schedules').map((j) => j.worker);
  assert.equal(workers.length, 2);
  assert.notEqual(workers[0], workers[1], 'both runs share a worker');
  assert.equal(e.mainThreadSteps, 0);
  assert.equal(e.poolSize, 2);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});

test('Pause, Step and Reset act on a job in a worker', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps=100000`);
  await p.waitForSteps(50);
  await p.button('Pause').click();
  await p.waitForStatus('paused');
  const held = await p.steps();
  // Step runs exactly one more step (a job still running would overshoot the count).
  await p.button('Step').click();
  await p.page.waitForFunction((n) => window.trainlab.steps('backprop-gradient-descent') === n, held + 1);
  assert.equal(await p.status(), 'paused');
  await p.button('Reset').click();
  await p.page.waitForFunction(() => window.trainlab.steps('backprop-gradient-descent') === 0);
  assert.equal(await p.status(), 'idle');
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});

test('a worker that fails is reported on its panel, and Reset starts the job again', { timeout: 120_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps=100000`);
  await p.waitForSteps(20);
  await p.page.evaluate(() => window.trainlab.debug.crashWorker(0));
  const alert = p.page.getByRole('alert').filter({ hasText: 'Training stopped' });
  await alert.waitFor({ timeout: 30_000 });
  t.diagnostic(`shown: ${await alert.textContent()}`);
  assert.equal(await p.status(), 'paused');
  await p.button('Reset').click();
  await alert.waitFor({ state: 'detached', timeout: 10_000 });
  await p.button('Play').click();
  await p.waitForSteps(20);
  const e = await engine(p);
  t.diagnostic(`engine(): ${JSON.stringify(e)}`);
  assert.equal(e.workers[0].live, false, 'the failed worker was ended');
  assert.equal(e.jobs[0].worker, 1, 'the job moved to a new worker');
  assert.equal(e.mainThreadSteps, 0);
  p.assertNoPageErrors();
});

test('a panic inside a panel shows in that panel; the page and the next panel go on; Reset recovers', { timeout: 120_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps=100000`);
  await p.waitForSteps(20);
  assert.equal(await p.page.evaluate((s) => window.trainlab.debug.panicIn(s), SLUG), true, 'panicIn found no worker');
  const alert = p.page.getByRole('alert').filter({ hasText: 'panicked' });
  await alert.waitFor({ timeout: 30_000 });
  const text = await alert.textContent();
  t.diagnostic(`shown: ${text}`);
  assert.match(text, /a panic planted/, 'the panel does not give the panic\'s message');
  assert.equal(await p.status(), 'paused');
  assert.equal(await p.page.locator('p.fatal').count(), 0, 'the page itself says it stopped');
  // The rest of the page works: the next concept, reached by its link, trains.
  await p.page.locator('nav.course-nav a[rel="next"]').click();
  await p.page.waitForURL((u) => u.pathname.endsWith('/concepts/adam-adamw'), { timeout: 15_000 });
  await p.waitForSteps(5, { slug: 'adam-adamw' });
  // Back on the panel that panicked: Reset, Play, and it trains again.
  await p.page.goBack();
  await p.showPanel();
  await p.button('Reset').click();
  await p.button('Play').click();
  const before = await p.steps();
  await p.waitForSteps(before + 20);
  p.assertNoPageErrors();
});

test('where a content security policy forbids workers, the page trains itself and says so', { timeout: 120_000 }, async (t) => {
  const csp = async (context) => {
    await context.route(/\/concepts\//, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers(), 'content-security-policy': "worker-src 'none'" };
      await route.fulfill({ response, headers });
    });
  };
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps=200`, { setup: csp });
  await p.waitForStatus('done');
  const e = await engine(p);
  t.diagnostic(`engine(): ${JSON.stringify(e)}`);
  assert.equal(e.mode, 'main-thread');
  assert.ok(e.mainThreadSteps >= 200, `main-thread steps: ${e.mainThreadSteps}`);
  const notice = await p.textOf(p.page.getByTestId('backend-notice'));
  assert.match(notice, /main thread/);
  // The policy this test sets refuses the worker on purpose: that refusal is the one expected.
  p.cspViolations = p.cspViolations.filter((v) => !/worker-src 'none'/.test(v));
  p.assertNoPageErrors();
});
