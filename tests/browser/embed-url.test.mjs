// Tests 6 and 7: the embed route and malformed query parameters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SLUG } from './harness.mjs';

const app = useApp();

test('embed: no site chrome, autoplay=0 respected, Step advances one step', { timeout: 120_000 }, async () => {
  const p = await app.open(`/embed/${SLUG}?backend=cpu&autoplay=0`);
  await p.waitForApp();
  await p.showPanel();
  for (const sel of ['header', 'footer', 'nav']) {
    assert.equal(await p.page.locator(sel).count(), 0, `/embed/ page has a <${sel}>`);
  }
  await p.frames(120);
  assert.equal(await p.status(), 'idle', 'status 120 frames after load with autoplay=0');
  assert.equal(await p.steps(), 0, 'steps 120 frames after load with autoplay=0');

  await p.button('Step').click();
  await p.waitForSteps(1, { timeout: 15_000 });
  await p.frames(30);
  assert.equal(await p.steps(), 1, 'one click on Step did not do exactly one step');
  p.assertNoPageErrors();
});

test('malformed URL values are clamped with a visible note and no errors', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&lr=banana&depth=99&autoplay=0`);
  await p.waitForApp();
  await p.showPanel();
  const notes = p.testId('url-notes');
  await notes.first().waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await notes.first().getAttribute('role'), 'status', 'url-notes has no role="status"');
  const text = await notes.first().innerText();
  assert.match(text, /\blr\b/i, `url-notes does not mention lr: "${text}"`);
  assert.match(text, /\bdepth\b/i, `url-notes does not mention depth: "${text}"`);
  await p.frames(60); // give a late error a chance to show up
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
