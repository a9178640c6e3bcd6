// Panel 08 in headless Chromium, in a reduced configuration: the run reports its series with
// tokens seen counting B·T per step, samples come back at every checkpoint, the prompt the reader
// types is split into tokens and gets a next-token distribution from the page's copy of the model,
// and typing restarts nothing. The lesson at the defaults is asserted natively
// (tests/pretraining.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'pretraining';
const app = useApp();

test('panel 08: a small transformer trains, samples at checkpoints, and reads the reader’s prompt', { timeout: 120_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps=40&warmup=4&vocab=200&layers=1&width=32&context=32&batch=8`);
  await p.waitForStatus('done', { slug: SLUG });
  const m = await p.metrics(SLUG);
  const tokens = series(m, 'tokens_seen');
  assert.equal(tokens.length, 40);
  assert.equal(tokens.at(-1)[1], 40 * 8 * 32, 'tokens seen = steps · B · T');
  const val = series(m, 'val_loss');
  const bits = series(m, 'bits_per_char');
  t.diagnostic(`val ${val[0][1].toFixed(3)} → ${val.at(-1)[1].toFixed(3)}; bits/char → ${bits.at(-1)[1].toFixed(3)}`);
  assert.ok(val.at(-1)[1] < val[0][1] - 0.5, 'the held-out loss falls');
  assert.ok(Math.abs(val[0][1] - Math.log(200)) < 0.6, `starts near ln V: ${val[0][1]}`);
  // Checkpoints 1, 40/32 → 1, 5, 10, 20, 40: five sets of samples.
  const cards = p.page.locator('ol.checkpoints > li');
  await p.page.waitForFunction(() => document.querySelectorAll('ol.checkpoints > li').length === 5);
  assert.match(await p.textOf(cards.last().locator('h4')), /^step 40 · 10\s?240 tokens$/);
  // The prompt: split into tokens, and a distribution over the next one.
  const box = p.page.getByLabel('Type a prompt');
  await box.fill('call me ishmael');
  await p.page.waitForFunction(() => new URL(location.href).searchParams.get('prompt') === 'call me ishmael');
  const split = await p.textOf(p.page.locator('[data-readout="prompt_tokens"]'));
  const [, chars, toks] = split.match(/^(\d+) characters → (\d+) tokens$/).map(Number);
  assert.equal(chars, 15);
  assert.ok(toks >= 3 && toks < 15, `15 characters in ${toks} tokens`);
  assert.equal(await p.page.locator('ol.token-chips > li').count(), toks);
  await p.page.waitForFunction(() => document.querySelectorAll('ol.next-tokens .p').length === 10);
  const ps = await p.page.locator('ol.next-tokens .p').evaluateAll((els) => els.map((e) => Number(e.dataset.p)));
  assert.ok(ps.every((x, i) => i === 0 || x <= ps[i - 1]), `descending: ${ps}`);
  assert.ok(ps.reduce((a, b) => a + b) <= 1.0001 && ps[0] > 1 / 200, `probabilities ${ps}`);
  assert.equal(await p.status(SLUG), 'done', 'typing a prompt restarts nothing');
  assert.equal(await p.steps(SLUG), 40);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
