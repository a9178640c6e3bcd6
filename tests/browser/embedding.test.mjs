// Course authors' embedding (issue 21): a host page on another origin writes the one-line embed
// (a div with data-trainlab and assets/embed.js). The panel appears as an iframe sized to its
// content; the host hears its status, asks for its metrics and plays and resets it through the
// div; commands from a window that is not the embedding parent, or in another shape, are ignored;
// the same panel in <iframe sandbox="allow-scripts"> trains and resizes. The "Embed this panel"
// box on a concept page gives exactly such a line for the page's state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { useApp, SLUG, APP_START_MS } from './harness.mjs';

const app = useApp();
const QUERY = 'backend=cpu&autoplay=0&steps=40';
let host;

/** A second origin, for the course page: serves `pages[path]` as HTML. */
async function startHost(pages) {
  const server = http.createServer((req, res) => {
    const body = pages[new URL(req.url, 'http://x').pathname]?.();
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(body ?? 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

before(async () => {
  host = await startHost({
    '/course.html': () => `<!doctype html><html><head><title>A course page</title></head><body>
<h1>A course page</h1>
<div id="plain" data-trainlab="${SLUG}?${QUERY}"></div>
<div id="boxed" data-sandbox data-trainlab="${SLUG}?${QUERY}"></div>
<script>
  window.events = { plain: [], boxed: [] };
  for (const id of ['plain', 'boxed']) {
    document.getElementById(id).addEventListener('trainlab:status', (e) => window.events[id].push(e.detail.status));
  }
</script>
<script src="${app.url('/embed.js')}" async></script>
</body></html>`,
  });
});
after(() => host?.close());

/** The iframe embed.js made in div #id, its Playwright frame, and the frame's content height. */
async function embedded(page, id) {
  const iframe = page.locator(`#${id} iframe`);
  await iframe.waitFor({ timeout: APP_START_MS });
  const frame = await (await iframe.elementHandle()).contentFrame();
  await frame.waitForFunction((s) => window.trainlab?.status?.(s) === 'idle', SLUG, { timeout: APP_START_MS, polling: 100 });
  return { iframe, frame };
}

/**
 * Waits until the iframe's height is the height its page says its content needs (±2 px): the
 * embed's bottom in its document plus the bridge's 4 px of slack. Both sides are read again on
 * each of the frame's animation frames until they agree, since the content grows as it mounts.
 */
async function waitForFit(page, id, frame, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const want = await frame.evaluate(() => {
      const e = document.querySelector('.embed');
      return e ? Math.ceil(e.getBoundingClientRect().bottom + window.scrollY + 4) : null;
    });
    const got = await page.locator(`#${id} iframe`).evaluate((f) => f.getBoundingClientRect().height);
    if (want !== null && Math.abs(got - want) <= 2) return got;
    assert.ok(Date.now() < deadline, `#${id}: the iframe is ${got} px high, its content needs ${want}`);
    await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  }
}

test('embed.js: one line gives a sized iframe that reports, plays, answers and resets; strangers are ignored', { timeout: 180_000 }, async () => {
  const browser = app.browser;
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The frames keep the site's policy: no refusal anywhere on the course page.
  page.on('console', (m) => /Content Security Policy/.test(m.text()) && errors.push(m.text()));
  try {
    await page.goto(`${host.url}/course.html`, { waitUntil: 'load' });
    // A command given at once, before the panel is ready, waits for it and is not lost.
    await page.waitForFunction(() => document.getElementById('plain').trainlab, null, { timeout: 30_000 });
    const early = page.evaluate(() => document.getElementById('plain').trainlab.metrics());
    const { frame } = await embedded(page, 'plain');
    assert.ok(typeof (await early) === 'object', 'the early metrics request was not answered');
    assert.equal(new URL(frame.url()).pathname, `/embed/${SLUG}`, 'the iframe shows the embed route');
    const height = await waitForFit(page, 'plain', frame);
    assert.ok(height > 300, `the fitted iframe is only ${height} px high`);

    // Play from the host, through the div: the status events arrive, up to "done".
    await page.evaluate(() => document.getElementById('plain').trainlab.play());
    await page.waitForFunction(() => window.events.plain.includes('done'), null, { timeout: 60_000, polling: 100 });
    // The status events tell the run's story: idle when the panel was ready, done at the end.
    const seen = await page.evaluate(() => window.events.plain);
    assert.equal(seen[0], 'idle', `status events: ${seen}`);
    assert.equal(seen.at(-1), 'done', `status events: ${seen}`);
    // Metrics on request: what the panel itself reports.
    const got = await page.evaluate(() => document.getElementById('plain').trainlab.metrics());
    const want = await frame.evaluate((s) => window.trainlab.metrics(s), SLUG);
    assert.ok(Object.keys(want).length > 0, 'the panel reports no series');
    assert.deepEqual(got, want, 'the metrics the host received differ from the panel\'s own');

    // Not from the parent, or not in the schema: ignored (the status stays "done").
    await page.evaluate(() => {
      const target = document.querySelector('#plain iframe').contentWindow;
      const stranger = document.createElement('iframe');
      document.body.append(stranger);
      stranger.contentWindow.eval(`parent.document.querySelector('#plain iframe').contentWindow.postMessage({ type: 'trainlab:reset' }, '*')`);
      for (const bad of ['trainlab:reset', null, [1], { type: 'trainlab:reset', extra: 1 }, { type: 'trainlab:reset', id: {} },
        { type: 'reset' }, { type: 'trainlab:shutdown' }, { type: 42 }]) {
        target.postMessage(bad, '*');
      }
      target.postMessage({ type: 'trainlab:status' }, '*'); // answered: a status event after the bad ones
    });
    await page.waitForFunction(() => window.events.plain.filter((s) => s === 'done').length >= 2, null, { timeout: 15_000, polling: 50 });
    assert.equal(await frame.evaluate((s) => window.trainlab.status(s), SLUG), 'done', 'a stranger\'s or a malformed command was obeyed');
    // The well-formed reset from the parent is obeyed.
    await page.evaluate(() => document.getElementById('plain').trainlab.reset());
    await frame.waitForFunction((s) => window.trainlab.status(s) === 'idle', SLUG, { timeout: 15_000, polling: 50 });

    // Sandboxed: an opaque origin, it still trains and resizes.
    const boxed = await embedded(page, 'boxed');
    assert.equal(await boxed.frame.evaluate(() => window.origin), 'null', 'the sandboxed frame is not sandboxed');
    await waitForFit(page, 'boxed', boxed.frame);
    await boxed.iframe.scrollIntoViewIfNeeded(); // a panel trains only while on screen
    await page.evaluate(() => document.getElementById('boxed').trainlab.play());
    await page.waitForFunction(() => window.events.boxed.includes('done'), null, { timeout: 60_000, polling: 100 });
    assert.deepEqual(errors, [], 'errors on the course page or in its frames');
  } finally {
    await context.close();
  }
});

test('"Embed this panel" gives the line for the page\'s state, with the names hide= accepts', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?${QUERY}&hide=seed`);
  await p.showPanel();
  const box = p.testId('embed-code');
  await box.locator('summary').click();
  const textbox = box.getByRole('textbox', { name: 'Embed code' });
  await p.page.waitForFunction((el) => el.value.length > 0, await textbox.elementHandle(), { timeout: 10_000, polling: 50 });
  const code = await textbox.inputValue();
  const div = /<div data-trainlab="([^"]+)"><\/div>/.exec(code);
  assert.ok(div, `no div in the embed code: ${code}`);
  const spec = div[1].replaceAll('&amp;', '&');
  const [slug, query] = spec.split('?');
  assert.equal(slug, SLUG);
  const params = new URLSearchParams(query);
  assert.equal(params.get('steps'), '40', `the embed code lost the page's settings: ${spec}`);
  assert.equal(params.get('hide'), 'seed', `the embed code lost hide=: ${spec}`);
  assert.equal(params.get('backend'), null, `the embed code forces this reader's backend: ${spec}`);
  assert.match(code, new RegExp(`<script src="${app.url('/embed.js').replace(/[.?]/g, '\\$&')}" async></script>`), code);
  const names = await box.locator('.hide-names code').last().innerText();
  const registry = await p.page.evaluate(() => window.trainlab.registry());
  const hideable = registry.find((c) => c.slug === SLUG).hideable;
  assert.deepEqual(names.split(', '), hideable, 'the names listed are not the ones hide= accepts');
  p.assertNoPageErrors();
});
