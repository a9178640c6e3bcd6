// Panel 15 in the browser: both views fill generation by generation, a hidden view does not train,
// bad URL values are noted. The phenomena (collapse under "replace" at the reader's defaults, none
// under "accumulate") are asserted natively in tests/model_collapse.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'model-collapse';
const app = useApp();
const values = (m, n) => series(m, n).map(([, v]) => v);

// The default run's collapse (100 + 8 generations, about 20 s in the browser) is asserted natively
// at the reader's exact defaults (tests/model_collapse.rs); here a reduced run checks that both
// views fill, generation by generation, as the page shows them.
const REDUCED = 'gens=12&text_gens=3&text_steps=60&chars=1000';

test('panel 15: a reduced run fills both views, generation by generation', { timeout: 240_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&${REDUCED}`);
  await p.waitForApp();
  await p.showPanel();
  const t0 = Date.now();
  await p.waitForStatus('done', { slug: SLUG, timeout: 200_000, stopOn: ['diverged'] });
  t.diagnostic(`reduced run (both views) done in ${((Date.now() - t0) / 1000).toFixed(1)} s wall time`);
  const m = await p.metrics(SLUG);
  const [sigma, tail, ppl, div] = ['sigma', 'tail_mass', 'perplexity', 'distinct_4grams'].map((n) => values(m, n));
  assert.deepEqual(series(m, 'sigma').map(([g]) => g), [...Array(12).keys()], 'one σ per generation, x = generation');
  assert.equal(ppl.length, 3);
  assert.equal(div.length, 3);
  assert.ok([...sigma, ...tail, ...ppl, ...div].every(Number.isFinite), 'every value is finite');
  t.diagnostic(`σ ${sigma[0]} -> ${sigma.at(-1)}, perplexity ${ppl.map((v) => v.toFixed(1))}`);
  // The view catches up on its next refresh after the last readback.
  await p.page.waitForFunction(() => document.querySelectorAll('[aria-label="What each generation wrote"] li').length === 3);
  await p.page.waitForFunction(() => document.querySelector('[data-readout="mixture_generations"]').textContent === '12 of 12');
  const samples = p.page.getByRole('list', { name: 'What each generation wrote' }).getByRole('listitem');
  assert.match(await samples.last().innerText(), /^gen 2\s+\S/, 'the last generation shows its text');
  assert.ok((await p.page.locator('.ridge-row').count()) >= 10, 'the ridgeline shows the generations');
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});

test('panel 15: with the text view hidden, only the mixture trains', { timeout: 240_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&mode=accumulate&hide=text&gens=12`);
  await p.waitForApp();
  await p.showPanel();
  await p.waitForStatus('done', { slug: SLUG, timeout: 200_000, stopOn: ['diverged'] });
  const m = await p.metrics(SLUG);
  assert.equal(values(m, 'sigma').length, 12);
  assert.equal(m.perplexity, undefined, 'the hidden text view is not trained');
  assert.equal(await p.page.getByRole('region', { name: 'A character language model' }).count(), 0);
  p.assertNoPageErrors();
});

test('panel 15: bad URL values are reported and replaced', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&autoplay=0&mode=sideways&n=-5&temp=9&real=x`);
  await p.waitForApp();
  await p.showPanel();
  const notes = await p.textOf(p.testId('url-notes'));
  assert.match(notes, /mode=sideways is not one of replace, accumulate/);
  assert.match(notes, /temp/);
  assert.equal(await p.page.getByLabel('Each generation\'s data').inputValue(), 'replace');
  await p.button('Step').click();
  await p.waitForSteps(1, { slug: SLUG, timeout: 30_000 });
  p.assertNoPageErrors();
});
