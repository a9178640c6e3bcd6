// The training step's code stays in pieces the browser can recompile quickly (issue 22,
// vendor/README.md). A browser recompiles a hot wasm function whole in its optimising tier; the
// vendored burn-flex and burn-optim keep the paths a tiny model never takes out of the functions it
// runs. Checked on the test build's .wasm (names kept, no wasm-opt): updating either crate without
// its patch brings the large functions back and fails here. No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, hasBuild } from './harness.mjs';
import { wasmFunctions } from './wasm-code.mjs';

const skip = hasBuild(DIST) ? false : `no build in ${DIST}`;

test('the hot ops and the optimizer step are small wasm functions', { skip }, () => {
  const wasm = fs.readdirSync(DIST).find((f) => f.endsWith('.wasm'));
  const fns = wasmFunctions(path.join(DIST, wasm));
  const named = (part) => fns.filter((f) => f.name?.includes(part));
  const largest = (part) => Math.max(...named(part).map((f) => f.bytes));

  assert.ok(fns.filter((f) => f.name).length > 1000, 'the test build keeps function names');
  // The optimizer's per-parameter step: one function per rank, not nine ranks in one (37 KB in this
  // build before).
  assert.ok(named('step_rank').length >= 1, 'burn-optim step_rank is out of line');
  assert.ok(largest('DynOptimizer>::step_dyn') < 8_000, `step_dyn: ${largest('DynOptimizer>::step_dyn')} bytes`);
  // Element-wise ops: the in-place path alone, the others in their own functions.
  for (const part of ['binary_op_typed', 'binary_op_rest', 'unary_op_typed', 'scatter_add']) {
    assert.ok(named(part).length >= 1, `${part} is out of line`);
  }
  // Unsplit, it was 4.7 KB in this build (15 KB in the release build).
  assert.ok(largest('binary_op_typed') < 3_000, `binary_op_typed: ${largest('binary_op_typed')} bytes`);
});
