// Panel 15: under "replace" the default run loses the mixture's far mode and the character model's
// diversity and real-text perplexity; under "accumulate" the mixture keeps its spread and tail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'model-collapse';
const app = useApp();
const values = (m, n) => series(m, n).map(([, v]) => v);

test('panel 15: the default run collapses, generation by generation', { timeout: 420_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu`);
  await p.waitForApp();
  await p.showPanel();
  const t0 = Date.now();
  await p.waitForStatus('running', { slug: SLUG, timeout: 60_000 });
  await p.waitForStatus('done', { slug: SLUG, timeout: 360_000, stopOn: ['diverged'] });
  t.diagnostic(`default run (both views) done in ${((Date.now() - t0) / 1000).toFixed(1)} s wall time`);
  const m = await p.metrics(SLUG);
  const [sigma, tail, ppl, div] = ['sigma', 'tail_mass', 'perplexity', 'distinct_4grams'].map((n) => values(m, n));
  assert.deepEqual(series(m, 'sigma').map(([g]) => g), [...Array(100).keys()], 'one σ per generation, x = generation');
  assert.equal(ppl.length, 8);
  t.diagnostic(`σ ${sigma[0]} -> ${sigma.at(-1)}, tail ${tail[0]} -> ${tail.at(-1)}`);
  t.diagnostic(`perplexity ${ppl.map((v) => v.toFixed(1))}, distinct 4-grams ${div.map((v) => v.toFixed(2))}`);
  assert.ok(tail[0] > 0.01 && tail.at(-1) < 0.1 * tail[0], `tail mass ${tail[0]} -> ${tail.at(-1)}`);
  assert.ok(sigma.at(-1) < 0.6 * sigma[0], `σ ${sigma[0]} -> ${sigma.at(-1)}`);
  assert.ok(ppl.at(-1) > 2 * ppl[0], `perplexity ${ppl[0]} -> ${ppl.at(-1)}`);
  assert.ok(div.at(-1) < div[0] - 0.1, `distinct 4-grams ${div[0]} -> ${div.at(-1)}`);
  // The view catches up on its next refresh after the last readback.
  await p.page.waitForFunction(() => document.querySelectorAll('[aria-label="What each generation wrote"] li').length === 8);
  await p.page.waitForFunction(() => document.querySelector('[data-readout="mixture_generations"]').textContent === '100 of 100');
  const samples = p.page.getByRole('list', { name: 'What each generation wrote' }).getByRole('listitem');
  assert.match(await samples.last().innerText(), /^gen 7\s+\S/, 'the last generation shows its text');
  assert.ok((await p.page.locator('.ridge-row').count()) >= 10, 'the ridgeline shows the generations');
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});

test('panel 15: accumulating keeps the spread and the tail', { timeout: 240_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&mode=accumulate&hide=text`);
  await p.waitForApp();
  await p.showPanel();
  await p.waitForStatus('done', { slug: SLUG, timeout: 200_000, stopOn: ['diverged'] });
  const m = await p.metrics(SLUG);
  const [sigma, tail] = ['sigma', 'tail_mass'].map((n) => values(m, n));
  t.diagnostic(`σ ${sigma[0]} -> ${sigma.at(-1)}, tail ${tail[0]} -> ${tail.at(-1)}`);
  assert.equal(sigma.length, 100);
  assert.ok(sigma.at(-1) > 0.75 * sigma[0], `σ ${sigma[0]} -> ${sigma.at(-1)}`);
  assert.ok(tail.at(-1) > 0.005, `tail mass ${tail.at(-1)}`);
  assert.equal(m.perplexity, undefined, 'the hidden text view is not trained');
  assert.equal(await p.page.getByRole('region', { name: 'A character language model' }).count(), 0);
  p.assertNoPageErrors();
});

test('panel 15: bad URL values are reported and replaced', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&autoplay=0&mode=sideways&n=-5&temp=9&real=x`);
  await p.waitForApp();
  await p.showPanel();
  const notes = await p.textOf(p.testId('url-notes'));
  assert.match(notes, /mode: "sideways"/);
  assert.match(notes, /temp/);
  assert.equal(await p.page.getByLabel('Each generation\'s data').inputValue(), 'replace');
  await p.button('Step').click();
  await p.waitForSteps(1, { slug: SLUG, timeout: 30_000 });
  p.assertNoPageErrors();
});
