// window.trainlabBench: the reference workloads run in the page and report what they measured
// (no timing is asserted: the figures belong to the bench command).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './harness.mjs';

const app = useApp();

test('trainlabBench.run trains a workload and reports steps/s and the loss', { timeout: 180_000 }, async (t) => {
  const p = await app.open('/?backend=cpu');
  await p.waitForApp();
  const names = await p.page.evaluate(() => window.trainlabBench.workloads);
  assert.deepEqual(names, ['spiral-mlp', 'grok-mlp', 'char-transformer']);
  const r = await p.page.evaluate(() =>
    window.trainlabBench.run({ workload: 'spiral-mlp', backend: 'cpu', steps: 200, warmup: 2 }),
  );
  t.diagnostic(JSON.stringify(r));
  assert.equal(r.workload, 'spiral-mlp');
  assert.equal(r.backend, 'cpu');
  assert.equal(r.steps, 200);
  assert.ok(r.stepsPerSec > 0 && Number.isFinite(r.stepsPerSec), `stepsPerSec ${r.stepsPerSec}`);
  assert.ok(r.finalLoss > 0 && r.finalLoss < Math.log(2), `after 202 steps the loss is below ln 2: ${r.finalLoss}`);
  const tiny = await p.page.evaluate(() =>
    window.trainlabBench.run({ workload: 'char-transformer', backend: 'cpu', steps: 1, warmup: 0 }),
  );
  assert.ok(Math.abs(tiny.finalLoss - Math.log(65)) < 1, `one transformer step: loss ${tiny.finalLoss}`);
  const err = await p.page.evaluate(() =>
    window.trainlabBench.run({ workload: 'nope' }).then(() => 'resolved', (e) => String(e)),
  );
  assert.match(err, /workload must be one of/);
  const gpu = await p.page.evaluate(() =>
    window.trainlabBench.run({ workload: 'spiral-mlp', backend: 'webgpu', steps: 1 }).then(() => 'resolved', (e) => String(e)),
  );
  assert.match(gpu, /WebGPU is not in use on this page/);
  p.assertNoPageErrors();
});
