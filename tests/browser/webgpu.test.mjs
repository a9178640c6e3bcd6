// Test 3: panel 02 on WebGPU (Chromium's SwiftShader adapter here: slow but real).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series, SLUG } from './harness.mjs';

const app = useApp({ webgpu: true });

test('panel 02 trains on WebGPU', { timeout: 300_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=gpu&steps=12&dataset=xor`);
  await p.waitForApp();
  await p.showPanel();
  // Once the job runs, the backend is settled.
  await p.waitForStatus(['running', 'done'], { timeout: 120_000 });

  const backend = await p.backend();
  t.diagnostic(`backend(): ${JSON.stringify(backend)}`);
  if (backend?.name !== 'webgpu') {
    const notice = p.testId('backend-notice');
    const noticeText = (await notice.count()) ? await notice.first().innerText() : '(no backend-notice)';
    const gpu = await p.page.evaluate(async () => {
      if (!navigator.gpu) return 'navigator.gpu is missing';
      const a = await navigator.gpu.requestAdapter();
      if (!a) return 'requestAdapter() returned null';
      const i = a.info ?? {};
      return {
        isFallbackAdapter: a.isFallbackAdapter,
        info: { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description },
      };
    });
    assert.fail(
      `want backend "webgpu", got ${JSON.stringify(backend)}; notice: "${noticeText}"; ` +
        `navigator.gpu in this page: ${JSON.stringify(gpu)}\n${p.errorReport()}`,
    );
  }
  assert.equal(typeof backend.fallback, 'boolean', `backend().fallback is not a boolean: ${JSON.stringify(backend)}`);

  await p.waitForStatus('done', { timeout: 120_000 });
  assert.equal(await p.steps(), 12, 'steps() at "done" is not the step budget');
  const loss = series(await p.metrics(), 'train_loss');
  assert.ok(loss.length >= 2, `train_loss has ${loss.length} points`);
  const first = loss[0][1];
  const last = loss.at(-1)[1];
  t.diagnostic(`train_loss: ${loss.length} points, ${first} -> ${last}`);
  assert.ok(Number.isFinite(first) && Number.isFinite(last), `loss not finite: first ${first}, last ${last}`);
  assert.ok(last < first, `loss did not fall: first ${first}, last ${last}`);
  assert.match(await p.textOf(p.badge()), /webgpu/i, 'the backend badge does not mention WebGPU');
  // Where it trained: the WebGPU worker, or the page's thread where WebGPU fails in workers.
  const e = await p.page.evaluate(() => window.trainlab.engine());
  t.diagnostic(`engine(): ${JSON.stringify(e)}`);
  const job = e.jobs.find((j) => j.panel === SLUG);
  if (e.gpuInWorkers) {
    assert.equal(e.workers[job.worker]?.backend, 'webgpu', JSON.stringify(e));
    assert.equal(e.mainThreadSteps, 0);
  } else {
    assert.equal(job.worker, null, JSON.stringify(e));
    assert.match(e.gpuReason, /WebGPU failed in a Web Worker/);
  }
  p.assertNoPageErrors();
});

test('panel 04 trains both schedule runs on WebGPU', { timeout: 300_000 }, async (t) => {
  const slug = 'lr-schedules';
  const p = await app.open(`/concepts/${slug}?backend=gpu&total=20&warmup=4`);
  await p.waitForApp();
  await p.showPanel();
  await p.waitForStatus('done', { slug, timeout: 240_000 });
  assert.equal((await p.backend())?.name, 'webgpu');
  const m = await p.metrics(slug);
  for (const name of ['loss_a', 'loss_b', 'lr_a', 'lr_b']) {
    const s = series(m, name);
    assert.equal(s.length, 20, `${name} has ${s.length} points`);
    assert.ok(s.every(([, v]) => Number.isFinite(v)), `${name} has non-finite values`);
  }
  const lossB = series(m, 'loss_b');
  t.diagnostic(`loss_b ${lossB[0][1]} -> ${lossB.at(-1)[1]}`);
  assert.ok(lossB.at(-1)[1] < lossB[0][1], 'loss_b did not fall on WebGPU');
  p.assertNoPageErrors();
});

test('panels 01 and 03 train on WebGPU', { timeout: 400_000 }, async (t) => {
  for (const [slug, query, names] of [
    ['cross-entropy', 'steps=10', ['train_loss', 'val_loss']],
    ['adam-adamw', 'steps=10&hide=decay', ['loss_sgd', 'loss_adam', 'adam_step']],
  ]) {
    const p = await app.open(`/concepts/${slug}?backend=gpu&${query}`);
    await p.waitForApp();
    await p.showPanel();
    await p.waitForStatus('done', { slug, timeout: 180_000 });
    assert.equal((await p.backend())?.name, 'webgpu');
    const m = await p.metrics(slug);
    for (const name of names) {
      const s = series(m, name);
      assert.equal(s.length, 10, `${slug}: ${name} has ${s.length} points`);
      assert.ok(s.every(([, v]) => Number.isFinite(v)), `${slug}: ${name} has non-finite values`);
    }
    const loss = series(m, names[0]);
    t.diagnostic(`${slug} ${names[0]} ${loss[0][1]} -> ${loss.at(-1)[1]}`);
    assert.ok(loss.at(-1)[1] < loss[0][1], `${slug}: ${names[0]} did not fall on WebGPU`);
    p.assertNoPageErrors();
  }
});

test('panels 14, 15, 16 and 17 train on WebGPU', { timeout: 400_000 }, async (t) => {
  const runs = [
    ['grokking', 'steps=20&p=23&hidden=32&compare=0', { train_loss: 20, train_acc: 20, val_acc: 20, weight_norm: 20 }],
    // Generations need a readback of the fitted weights before the next one's data exists.
    ['model-collapse', 'gens=3&n=30&fit_steps=10&text_gens=2&chars=500&text_steps=20', { sigma: 3, tail_mass: 3, perplexity: 2 }],
    // Phase B branches five networks from the one phase A trained, after the Fisher of A.
    ['catastrophic-forgetting', 'steps_a=10&steps_b=10&sweep=0&hide=language', { acc_a_finetune: 11, acc_b_ewc: 11, acc_a_replay: 11 }],
    // Each round ends with a readback of the weights, which the host samples and verifies with.
    ['self-improvement', 'rounds=1&steps=10&pool=16&seed_set=8&hide=unfiltered', { accuracy: 2, kept: 2 }],
  ];
  for (const [slug, query, want] of runs) {
    const p = await app.open(`/concepts/${slug}?backend=gpu&${query}`);
    await p.waitForApp();
    await p.showPanel();
    await p.waitForStatus('done', { slug, timeout: 240_000 });
    assert.equal((await p.backend())?.name, 'webgpu');
    const m = await p.metrics(slug);
    for (const [name, points] of Object.entries(want)) {
      const s = series(m, name);
      assert.equal(s.length, points, `${slug}: ${name} has ${s.length} points`);
      assert.ok(s.every(([, v]) => Number.isFinite(v)), `${slug}: ${name} is not finite`);
    }
    t.diagnostic(`${slug}: ${Object.keys(want).map((n) => `${n} ${series(m, n).at(-1)[1]}`).join(', ')}`);
    p.assertNoPageErrors();
  }
});
