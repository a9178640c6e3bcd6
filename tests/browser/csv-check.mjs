// Every line chart's "Download CSV" holds the numbers window.trainlab.metrics(slug) reports: a
// series in the file whose name is also a metrics series has exactly that series' (x, y) points,
// and each panel has at least one chart with such a series. registry.test.mjs runs the check on
// every built panel.
//
// How a chart offers its CSV (src/components/chart/line.rs and mod.rs): the button builds the text
// with engine::metrics::csv (header `x_label,name,...`, one row per x, a blank cell where a series
// has no point there), wraps it in a Blob and clicks a temporary <a download="<csv_name>.csv"> on
// its object URL. The test clicks the button as a reader would and reads the file from the
// browser's download.
//
// Exact equality is the right comparison: the CSV writes f64s with Rust's `Display`, which prints
// the shortest decimal that reads back to the same f64 (never an exponent, `NaN`/`inf`/`-inf` for
// the non-finite ones), and metrics() is serde_json's shortest round-trip form, with non-finite
// values as null. Parsing either in JavaScript gives the same doubles bit for bit, so any
// difference is a different number, not a formatting artefact.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { APP_START_MS } from './harness.mjs';

/** What a non-finite value becomes on both sides: metrics() gives null, the CSV NaN/inf/-inf. */
const NON_FINITE = 'non-finite';
/**
 * Charts take their series on the runtime's tick (src/runtime/mod.rs), in the same refresh that
 * sets the status the panel shows (src/kit/run.rs), so once the panel itself reads "Done" its
 * charts hold the finished run, even if `window.trainlab.status` (read from the jobs) said so a
 * tick earlier.
 */
export async function waitForShownDone(p, slug) {
  await p.page.locator('.play-controls .status').first().filter({ hasText: /^Done/ }).waitFor({ timeout: APP_START_MS });
  await p.waitForStatus('done', { slug, timeout: APP_START_MS });
}

/** A CSV cell as the number Rust's `f64::to_string` wrote. */
function csvNumber(cell, where) {
  if (cell === 'NaN' || cell === 'inf' || cell === '-inf') return NON_FINITE;
  assert.match(cell, /^-?\d+(\.\d+)?$/, `${where}: "${cell}" is not a number as Rust's f64 Display writes one`);
  return Number(cell);
}

/** { xLabel, columns: [{ name, points: [[x, y], ...] }] } from the text engine::metrics::csv writes. */
function parseCsv(text, file) {
  const lines = text.split('\n');
  assert.equal(lines.at(-1), '', `${file}: does not end with a newline`);
  lines.pop();
  assert.ok(lines.length >= 1, `${file}: empty`);
  const [xLabel, ...names] = lines[0].split(',');
  const columns = names.map((name) => ({ name, points: [] }));
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',');
    const where = `${file} row ${i + 1}`;
    assert.equal(cells.length, names.length + 1, `${where}: ${cells.length} cells, header has ${names.length + 1}`);
    const x = csvNumber(cells[0], where);
    assert.ok(x !== NON_FINITE, `${where}: x is ${cells[0]}`);
    columns.forEach((col, j) => {
      if (cells[j + 1] !== '') col.points.push([x, csvNumber(cells[j + 1], `${where}, ${col.name}`)]);
    });
  });
  return { xLabel, columns };
}

/** A metrics series in the CSV's terms: [[step, value | NON_FINITE], ...]. */
function metricPoints(points) {
  return points.map(([step, v]) => [step, v === null || !Number.isFinite(v) ? NON_FINITE : v]);
}

/** Where two point lists first differ, for a failure message. */
function firstDifference(got, want) {
  const n = Math.max(got.length, want.length);
  for (let i = 0; i < n; i++) {
    const [g, w] = [got[i], want[i]];
    if (!g || !w || !Object.is(g[0], w[0]) || !Object.is(g[1], w[1])) {
      return `point ${i}: CSV ${JSON.stringify(g ?? 'none')}, metrics() ${JSON.stringify(w ?? 'none')} (CSV ${got.length} points, metrics() ${want.length})`;
    }
  }
  return null;
}

/** Clicks a chart's "Download CSV" and returns { file, text }. */
async function downloadCsv(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), button.click()]);
  const file = download.suggestedFilename();
  const path = await download.path();
  assert.ok(path, `${file}: the download failed (${await download.failure()})`);
  return { file, text: await fs.readFile(path, 'utf8') };
}

/**
 * Checks every line chart's "Download CSV" on a panel whose run is done and shown as done: the
 * file's series that metrics() also reports hold exactly its points, at least one chart has such a
 * series, and nothing arrives while the files are made. The registry test calls it on the page it
 * has just trained, so no panel trains a second time for it.
 */
export async function checkCsvs(p, slug, t) {
  const t0 = Date.now();
  const metrics = await p.metrics(slug);
  assert.ok(metrics && Object.keys(metrics).length > 0, `${slug}: metrics() is empty`);

  const figures = p.page
    .locator('figure')
    .filter({ has: p.page.getByRole('button', { name: 'Download CSV', exact: true }) });
  const count = await figures.count();
  assert.ok(count >= 1, `${slug}: no chart with a "Download CSV" button`);
  const report = [];
  let chartsMatched = 0;
  for (let i = 0; i < count; i++) {
    const figure = figures.nth(i);
    const caption = (await figure.locator('figcaption').first().innerText()).trim();
    const button = figure.getByRole('button', { name: 'Download CSV', exact: true });
    assert.ok(await button.isVisible(), `${slug}: the "Download CSV" button of "${caption}" is not visible`);
    const { file, text } = await downloadCsv(p.page, button);
    assert.match(file, /\.csv$/, `${slug}: "${caption}" downloads ${file}`);
    const { columns } = parseCsv(text, file);
    assert.ok(columns.length >= 1, `${file}: no series`);
    const shared = columns.filter((col) => Object.hasOwn(metrics, col.name));
    for (const col of shared) {
      const want = metricPoints(metrics[col.name]);
      const diff = firstDifference(col.points, want);
      assert.equal(diff, null, `${slug}: "${caption}" (${file}): series ${col.name} differs from metrics().${col.name} at ${diff}`);
    }
    if (shared.some((col) => col.points.length > 0)) chartsMatched++;
    report.push(`${file}: ${shared.map((col) => `${col.name} (${col.points.length})`).join(', ') || 'none'} of ${columns.map((col) => col.name).join(', ')}`);
  }
  t.diagnostic(`${slug}: ${count} charts in ${Date.now() - t0} ms; matched series per CSV: ${report.join('; ')}`);
  assert.ok(
    chartsMatched >= 1,
    `${slug}: no chart's CSV has a non-empty series that metrics() also reports; ${report.join('; ')}; metrics: ${Object.keys(metrics).join(', ')}`,
  );
  // The run was over: nothing arrived while the files were being made.
  assert.deepEqual(await p.metrics(slug), metrics, `${slug}: metrics() changed after "done"`);
}
