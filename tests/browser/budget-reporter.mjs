// A node:test reporter that prints each browser test file's time against the suite's budget
// (issue 12: the whole suite under 8 minutes, at most 40 s more per panel added). It prints and
// asserts nothing: timing is the benchmark's business, never a test's verdict.
//
//   node --test --test-reporter=spec --test-reporter-destination=stdout \
//     --test-reporter=./tests/browser/budget-reporter.mjs --test-reporter-destination=stdout ...

import path from 'node:path';

const PER_FILE_S = 40;
const SUITE_S = 8 * 60;

export default async function* budgetReporter(source) {
  const perFile = new Map();
  for await (const { type, data } of source) {
    if ((type === 'test:pass' || type === 'test:fail') && data.nesting === 0 && data.file) {
      const ms = data.details?.duration_ms ?? 0;
      perFile.set(data.file, (perFile.get(data.file) ?? 0) + ms);
    }
  }
  const rows = [...perFile].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0) / 1000;
  yield `\nBrowser test time per file (tests only; budget ${PER_FILE_S} s per panel, ${SUITE_S} s in all):\n`;
  for (const [file, ms] of rows) {
    const s = ms / 1000;
    const flag = s > PER_FILE_S ? `  over ${PER_FILE_S} s` : '';
    yield `  ${s.toFixed(1).padStart(6)} s  ${path.basename(file)}${flag}\n`;
  }
  yield `  ${total.toFixed(1).padStart(6)} s  in all${total > SUITE_S ? `  over ${SUITE_S} s` : ''}\n`;
}
