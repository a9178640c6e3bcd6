// Shared test harness: one static server + one Chromium per test file, one browser context per
// page, console/page errors collected per page, and page-object helpers for the app contract.
//
//   import { test } from 'node:test';
//   import { useApp, SLUG } from './harness.mjs';
//   const app = useApp();                       // registers before/after hooks
//   test('x', async () => { const p = await app.open(`/concepts/${SLUG}?backend=cpu`); ... });
//
// Environment:
//   TRAINLAB_DIST      dist dir built with --public-url /      (default: <repo>/dist-test)
//   TRAINLAB_DIST_SUB  dist dir built with --public-url /sub/  (default: <repo>/dist-sub)
//   TRAINLAB_CHROMIUM  browser binary                          (default: /usr/bin/chromium)
//   TRAINLAB_DEBUG=1   echo every browser console message and server request

import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SLUG = 'backprop-gradient-descent';
export const CONCEPT_COUNT = 17;
export const DIST = path.resolve(REPO_ROOT, process.env.TRAINLAB_DIST || 'dist-test');
export const DIST_SUB = path.resolve(REPO_ROOT, process.env.TRAINLAB_DIST_SUB || 'dist-sub');
export const CHROMIUM = process.env.TRAINLAB_CHROMIUM || '/usr/bin/chromium';
export const DEBUG = process.env.TRAINLAB_DEBUG === '1';

/** The first load compiles a large dev wasm: allow a minute for the app to start. */
export const APP_START_MS = 60_000;
export const STATUSES = ['idle', 'running', 'paused', 'diverged', 'done'];

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Chromium then exposes a SwiftShader software adapter (slow: a few steps/s). */
export const WEBGPU_ARGS = ['--enable-unsafe-webgpu'];

/** True when `dir` holds a trunk build (an index.html). */
export function hasBuild(dir) {
  return fs.existsSync(path.join(dir, 'index.html'));
}

/**
 * Register before/after hooks that start a server for `dist` under `prefix` and launch Chromium.
 * `optional: true` skips the setup (app.available = false) when the dist is missing, so a test
 * can `skip`; otherwise a missing dist fails with a hint.
 */
export function useApp({ dist = DIST, prefix = '/', webgpu = false, optional = false, spa = true } = {}) {
  const app = new App({ dist, prefix, webgpu, optional, spa });
  before(() => app.start(), { timeout: 180_000 });
  afterEach(() => app.closePages(), { timeout: 30_000 });
  after(() => app.stop(), { timeout: 30_000 });
  return app;
}

export class App {
  constructor({ dist, prefix, webgpu, optional, spa = true }) {
    this.spa = spa;
    this.dist = dist;
    this.prefix = prefix;
    this.webgpu = webgpu;
    this.optional = optional;
    this.available = false;
    this.server = null;
    this.browser = null;
    this.pages = [];
  }

  async start() {
    if (!hasBuild(this.dist)) {
      if (this.optional) return;
      throw new Error(
        `no build in ${this.dist} (index.html missing): run scripts/test.sh, or ` +
          `trunk build --dist ${path.relative(REPO_ROOT, this.dist)} --public-url ${this.prefix}`,
      );
    }
    this.server = await startServer({
      root: this.dist,
      prefix: this.prefix,
      spa: this.spa,
      log: DEBUG ? (line) => console.log(`[server] ${line}`) : undefined,
    });
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(this.webgpu ? WEBGPU_ARGS : [])],
      timeout: 120_000,
    });
    this.available = true;
  }

  async stop() {
    await this.closePages();
    await this.browser?.close().catch(() => {});
    await this.server?.close();
    this.browser = null;
    this.server = null;
  }

  async closePages() {
    const pages = this.pages.splice(0);
    for (const p of pages) {
      if (p.consoleErrors.length || p.pageErrors.length) {
        console.log(`[harness] errors on ${p.openedAt}:\n${p.errorReport()}`);
      }
      await p.context.close().catch(() => {});
    }
  }

  /** Absolute URL for an app path such as '/concepts/x?y=1' (the prefix is added). */
  url(appPath = '/') {
    assert.ok(this.server, 'server not started');
    const rel = appPath.startsWith('/') ? appPath.slice(1) : appPath;
    return this.server.url + rel;
  }

  /** Path as the browser sees it, prefix included: appPathname('/concepts/x') -> '/sub/concepts/x'. */
  appPathname(appPath) {
    return new URL(this.url(appPath)).pathname;
  }

  /**
   * Open `appPath` in a fresh browser context. `initScript` (function or string) runs before any
   * page script. Resolves once the document has loaded (not once the app has started).
   */
  /** `setup(context)` runs before the page loads, e.g. to `context.route()` a request. */
  async open(appPath = '/', { initScript, setup, viewport = { width: 1280, height: 900 }, deviceScaleFactor = 1 } = {}) {
    assert.ok(this.browser, 'browser not launched');
    const context = await this.browser.newContext({ viewport, deviceScaleFactor, acceptDownloads: true });
    if (setup) await setup(context);
    const page = await context.newPage();
    const tp = new TrainlabPage(this, context, page);
    tp.openedAt = appPath;
    this.pages.push(tp);
    if (initScript) await page.addInitScript(initScript);
    await page.goto(this.url(appPath), { waitUntil: 'load', timeout: APP_START_MS });
    return tp;
  }
}

export class TrainlabPage {
  constructor(app, context, page) {
    this.app = app;
    this.context = context;
    this.page = page;
    this.consoleErrors = [];
    this.pageErrors = [];
    this.consoleLog = [];
    // Every test checks, through assertNoPageErrors, that nothing broke the site's Content
    // Security Policy (Chromium reports each refusal on the console) and that every request went
    // to the site's own origin (data: and blob: URLs are the page's own).
    this.cspViolations = [];
    this.foreignRequests = [];
    const origin = new URL(app.url('/')).origin;
    context.on('request', (req) => {
      const u = new URL(req.url());
      if (u.protocol !== 'data:' && u.protocol !== 'blob:' && u.origin !== origin) this.foreignRequests.push(req.url());
    });
    page.on('console', (msg) => {
      const line = `[${msg.type()}] ${msg.text()}`;
      if (/Content Security Policy/i.test(msg.text())) this.cspViolations.push(msg.text());
      this.consoleLog.push(line);
      if (this.consoleLog.length > 200) this.consoleLog.shift();
      if (msg.type() === 'error') {
        const loc = msg.location();
        this.consoleErrors.push(loc?.url ? `${msg.text()} (${loc.url}:${loc.lineNumber})` : msg.text());
      }
      if (DEBUG) console.log(`[browser] ${line}`);
    });
    page.on('pageerror', (err) => {
      this.pageErrors.push(String(err?.stack || err));
      if (DEBUG) console.log(`[browser pageerror] ${err}`);
    });
  }

  // ---- window.trainlab ------------------------------------------------------------------------

  /** Wait until window.trainlab exists (the app has started). */
  async waitForApp(timeout = APP_START_MS) {
    try {
      await this.page.waitForFunction(
        () => typeof window.trainlab === 'object' && window.trainlab !== null && typeof window.trainlab.status === 'function',
        null,
        { timeout, polling: 100 },
      );
    } catch (e) {
      throw new Error(`window.trainlab did not appear within ${timeout} ms\n${this.errorReport()}`, { cause: e });
    }
  }

  /**
   * window.trainlab[method](...args), with the result made plain: a Map (serde_wasm_bindgen's
   * default for maps), a JSON string, typed arrays or BigInts become plain objects, arrays and
   * numbers. NaN and Infinity survive Playwright's serialisation.
   */
  async call(method, ...args) {
    return this.page.evaluate(
      ([m, a]) => {
        const plain = (x) => {
          if (x instanceof Map) return Object.fromEntries([...x].map(([k, y]) => [String(k), plain(y)]));
          if (Array.isArray(x) || ArrayBuffer.isView(x)) return Array.from(x, plain);
          if (typeof x === 'bigint') return Number(x);
          if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, plain(y)]));
          return x;
        };
        let v = window.trainlab[m](...a);
        if (typeof v === 'string' && (m === 'metrics' || m === 'backend')) v = JSON.parse(v);
        return plain(v);
      },
      [method, args],
    );
  }

  /** 'idle' | 'running' | 'paused' | 'diverged' | 'done' */
  async status(slug = SLUG) {
    return this.call('status', slug);
  }

  async steps(slug = SLUG) {
    return Number(await this.call('steps', slug));
  }

  /** { series_name: [[step, value], ...] } */
  async metrics(slug = SLUG) {
    return this.call('metrics', slug);
  }

  /** { name: 'cpu' | 'webgpu', adapter, fallback } */
  async backend() {
    return this.call('backend');
  }

  /** Status, steps and backend in one call, for failure messages; never throws. */
  async snapshot(slug = SLUG) {
    return this.page
      .evaluate((s) => {
        const t = window.trainlab;
        if (!t) return { trainlab: 'missing' };
        const safe = (f) => {
          try {
            const v = f();
            if (typeof v === 'bigint') return Number(v);
            return v instanceof Map ? Object.fromEntries(v) : v;
          } catch (e) {
            return `throws: ${e}`;
          }
        };
        return { status: safe(() => t.status(s)), steps: safe(() => t.steps(s)), backend: safe(() => t.backend()) };
      }, slug)
      .catch((e) => ({ evaluate: String(e) }));
  }

  /**
   * Wait until status(slug) is one of `want`. Stops early, and fails, on a status in `stopOn`
   * (default: 'diverged', unless wanted). Includes the app start wait.
   */
  async waitForStatus(want, { slug = SLUG, timeout = APP_START_MS, stopOn } = {}) {
    const wanted = [want].flat();
    for (const s of wanted) assert.ok(STATUSES.includes(s), `unknown status ${s}`);
    const stops = (stopOn ?? ['diverged']).filter((s) => !wanted.includes(s));
    const deadline = Date.now() + timeout;
    await this.waitForApp(timeout);
    let got;
    try {
      const handle = await this.page.waitForFunction(
        ([s, w, st]) => {
          let v;
          try {
            v = window.trainlab.status(s);
          } catch {
            return false;
          }
          return w.includes(v) || st.includes(v) ? v : false;
        },
        [slug, wanted, stops],
        { timeout: Math.max(1000, deadline - Date.now()), polling: 100 },
      );
      got = await handle.jsonValue();
    } catch (e) {
      throw new Error(
        `status of ${slug} did not become ${wanted.join('|')} within ${timeout} ms; ` +
          `now ${JSON.stringify(await this.snapshot(slug))}\n${this.errorReport()}`,
        { cause: e },
      );
    }
    assert.ok(
      wanted.includes(got),
      `status of ${slug} became "${got}" while waiting for ${wanted.join('|')}; ` +
        `${JSON.stringify(await this.snapshot(slug))}\n${this.errorReport()}`,
    );
    return got;
  }

  /**
   * Wait until the page has painted `n` more animation frames. The app trains and draws in its
   * frame loop, so after n frames it has had n chances to act: the condition to wait for before
   * asserting that something did not happen (no autoplay, no second step, no late error).
   */
  async frames(n) {
    await this.page.evaluate(
      (k) =>
        new Promise((resolve) => {
          let left = k;
          const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
          requestAnimationFrame(tick);
        }),
      n,
    );
  }

  /** Wait until steps(slug) >= n. */
  async waitForSteps(n, { slug = SLUG, timeout = 30_000 } = {}) {
    try {
      await this.page.waitForFunction(
        ([s, k]) => {
          try {
            return Number(window.trainlab.steps(s)) >= k;
          } catch {
            return false;
          }
        },
        [slug, n],
        { timeout, polling: 50 },
      );
    } catch (e) {
      throw new Error(`steps of ${slug} did not reach ${n} within ${timeout} ms; now ${JSON.stringify(await this.snapshot(slug))}`, {
        cause: e,
      });
    }
  }

  // ---- page objects ---------------------------------------------------------------------------

  testId(id) {
    return this.page.getByTestId(id);
  }

  panel() {
    return this.page.getByTestId('panel');
  }

  /** The panel, visible and scrolled into view (a panel may pause while off screen). */
  async showPanel(timeout = APP_START_MS) {
    const panel = this.panel().first();
    await panel.waitFor({ state: 'visible', timeout });
    await panel.scrollIntoViewIfNeeded();
    return panel;
  }

  /** Play / Pause / Step / Reset / Download CSV, by accessible name. */
  button(name, { exact = true } = {}) {
    return this.page.getByRole('button', { name, exact });
  }

  lrSlider() {
    return this.page.getByRole('slider', { name: 'Learning rate' });
  }

  badge() {
    return this.testId('backend-badge');
  }

  /** Trimmed text of the first match, once visible (throws after `timeout`). */
  async textOf(locator, timeout = 10_000) {
    await locator.first().waitFor({ state: 'visible', timeout });
    return (await locator.first().innerText()).trim();
  }

  /** [{ text, hrefs: [absolute URL, ...] }] for each li in [data-testid="gallery"]. */
  async galleryItems(timeout = APP_START_MS) {
    const gallery = this.testId('gallery');
    await gallery.waitFor({ state: 'visible', timeout });
    // Let a progressively rendered list fill up; the count is asserted by the caller.
    await this.page
      .waitForFunction((n) => document.querySelectorAll('[data-testid="gallery"] li').length >= n, CONCEPT_COUNT, {
        timeout: 10_000,
        polling: 100,
      })
      .catch(() => {});
    return gallery.evaluate((el) =>
      [...el.querySelectorAll('li')].map((li) => ({
        text: li.innerText,
        hrefs: [...li.querySelectorAll('a[href]')].map((a) => a.href),
      })),
    );
  }

  // ---- errors ---------------------------------------------------------------------------------

  errorReport() {
    const parts = [];
    if (this.pageErrors.length) parts.push(`page errors:\n  ${this.pageErrors.join('\n  ')}`);
    if (this.consoleErrors.length) parts.push(`console errors:\n  ${this.consoleErrors.join('\n  ')}`);
    if (!parts.length && this.consoleLog.length) parts.push(`last console lines:\n  ${this.consoleLog.slice(-15).join('\n  ')}`);
    return parts.join('\n');
  }

  assertNoPageErrors() {
    assert.deepEqual(this.pageErrors, [], `uncaught errors on ${this.openedAt}:\n${this.errorReport()}`);
    assert.deepEqual(this.cspViolations, [], `Content Security Policy violations on ${this.openedAt}`);
    assert.deepEqual(this.foreignRequests, [], `requests to another origin from ${this.openedAt}`);
  }

  assertNoConsoleErrors() {
    assert.deepEqual(this.consoleErrors, [], `console errors on ${this.openedAt}:\n${this.errorReport()}`);
  }
}

// ---- data helpers -------------------------------------------------------------------------------

/** A metrics series as [[step, value], ...], checked for shape. */
export function series(metrics, name) {
  assert.ok(metrics && typeof metrics === 'object', `metrics is not an object: ${JSON.stringify(metrics)}`);
  const s = metrics[name];
  assert.ok(Array.isArray(s), `metrics has no series "${name}"; series: ${Object.keys(metrics).join(', ')}`);
  for (const p of s) {
    assert.ok(Array.isArray(p) && p.length === 2, `series ${name}: point is not [step, value]: ${JSON.stringify(p)}`);
  }
  return s;
}

/**
 * Check gallery items: CONCEPT_COUNT items, each with a link to `<prefix>concepts/<slug>` on the
 * app's origin, slugs unique, SLUG among them and built. Returns { slugs, bySlug }.
 */
export function assertGallery(app, items) {
  assert.equal(items.length, CONCEPT_COUNT, `gallery has ${items.length} li items, want ${CONCEPT_COUNT}`);
  const origin = new URL(app.url('/')).origin;
  const base = app.appPathname('/concepts/');
  const slugs = [];
  const bySlug = {};
  items.forEach((item, i) => {
    const targets = item.hrefs
      .map((h) => new URL(h))
      .filter((u) => u.origin === origin && u.pathname.startsWith(base) && /^[a-z0-9][a-z0-9-]*$/.test(u.pathname.slice(base.length)));
    assert.ok(
      targets.length >= 1,
      `gallery item ${i} ("${item.text.trim().slice(0, 60)}") has no link to ${base}<slug>; hrefs: ${JSON.stringify(item.hrefs)}`,
    );
    const slug = targets[0].pathname.slice(base.length);
    slugs.push(slug);
    bySlug[slug] = item;
  });
  assert.equal(new Set(slugs).size, slugs.length, `duplicate slugs in gallery: ${slugs.join(', ')}`);
  assert.ok(slugs.includes(SLUG), `gallery lacks ${SLUG}; slugs: ${slugs.join(', ')}`);
  assert.doesNotMatch(bySlug[SLUG].text, /not built yet/i, `${SLUG} is marked "Not built yet"`);
  return { slugs, bySlug };
}

/** |a - b| <= rel * max(|a|, |b|), with exact equality for non-finite values. */
export function closeRel(a, b, rel) {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Object.is(a, b);
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * The learning rate a range input shows, given the slider is log-scaled over 1e-4..10:
 * min/max = -4/1 (value = log10 lr), min/max = 1e-4/10 (value = lr), or any other min/max as a
 * log-linear position. Returns { lr, how }.
 */
export function sliderLearningRate({ value, min, max, valuetext }) {
  const v = Number(value);
  const lo = Number(min);
  const hi = Number(max);
  const fromText = valuetext != null ? Number(String(valuetext).match(/[-+]?\d*\.?\d+(?:e[-+]?\d+)?/i)?.[0]) : NaN;
  if (Number.isFinite(fromText) && fromText > 0) return { lr: fromText, how: `aria-valuetext "${valuetext}"` };
  if (Math.abs(lo + 4) < 1e-9 && Math.abs(hi - 1) < 1e-9) return { lr: 10 ** v, how: `10^value (value ${v})` };
  if (Math.abs(lo - 1e-4) < 1e-12 && Math.abs(hi - 10) < 1e-9) return { lr: v, how: `value ${v}` };
  const t = (v - lo) / (hi - lo);
  return { lr: 10 ** (-4 + 5 * t), how: `log position ${t} of [${lo}, ${hi}]` };
}
