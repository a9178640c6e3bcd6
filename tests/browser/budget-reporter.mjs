// A node:test reporter that prints the browser suite's time against its budget (issue 12: the
// whole suite under 8 minutes, at most 40 s per panel). A test counts towards the panels its name
// names ("panel 04: …", "panels 14 and 15 …", shared equally); any other test towards its file.
// It prints and asserts nothing: timing is the benchmark's business, never a test's verdict.
//
//   node --test --test-reporter=spec --test-reporter-destination=stdout \
//     --test-reporter=./tests/browser/budget-reporter.mjs --test-reporter-destination=stdout ...

import path from 'node:path';

const PER_PANEL_S = 40;
const SUITE_S = 8 * 60;

/** The panel numbers a test name names, e.g. "panels 01 and 03 train" -> ['01', '03']. */
function panelsOf(name) {
  const m = /\bpanels? ((?:\d\d)(?:(?:, | and )\d\d)*)/.exec(name);
  return m ? m[1].match(/\d\d/g) : [];
}

export default async function* budgetReporter(source) {
  const byKey = new Map();
  const add = (key, s) => byKey.set(key, (byKey.get(key) ?? 0) + s);
  for await (const { type, data } of source) {
    if ((type !== 'test:pass' && type !== 'test:fail') || data.nesting !== 0 || !data.file) continue;
    const s = (data.details?.duration_ms ?? 0) / 1000;
    const panels = panelsOf(data.name);
    if (panels.length === 0) add(`site: ${path.basename(data.file)}`, s);
    for (const p of panels) add(`panel ${p}`, s / panels.length);
  }
  const rows = [...byKey].sort((a, b) => a[0].localeCompare(b[0]));
  const total = rows.reduce((sum, [, s]) => sum + s, 0);
  yield `\nBrowser test time (tests only; budget ${PER_PANEL_S} s per panel, ${SUITE_S} s in all):\n`;
  for (const [key, s] of rows) {
    const flag = key.startsWith('panel') && s > PER_PANEL_S ? `  over ${PER_PANEL_S} s` : '';
    yield `  ${s.toFixed(1).padStart(6)} s  ${key}${flag}\n`;
  }
  yield `  ${total.toFixed(1).padStart(6)} s  in all${total > SUITE_S ? `  over ${SUITE_S} s` : ''}\n`;
}
