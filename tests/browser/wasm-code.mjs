// The functions of a .wasm file: index, name (from the name section, when the build keeps one)
// and body size in bytes. Read by bench/tiers.mjs, to name what the browser's optimising tier
// compiled, and by wasm-code.test.mjs, which keeps the training step's hot functions small.

import fs from 'node:fs';

/** Reads `file`; returns `[{ index, name, bytes }]` for every function defined in it. */
export function wasmFunctions(file) {
  const b = fs.readFileSync(file);
  let p = 8;
  const leb = () => {
    let r = 0;
    let s = 0;
    let x;
    do {
      x = b[p++];
      r += (x & 0x7f) * 2 ** s;
      s += 7;
    } while (x & 0x80);
    return r;
  };
  const str = () => {
    const len = leb();
    p += len;
    return b.subarray(p - len, p).toString();
  };
  let imported = 0;
  const sizes = [];
  const names = new Map();
  while (p < b.length) {
    const id = b[p++];
    const end = leb() + p;
    if (id === 2) imported = importedFunctions(b, () => p, (q) => (p = q), leb, str);
    if (id === 10) {
      for (let i = 0, count = leb(); i < count; i++) {
        const size = leb();
        sizes.push(size);
        p += size;
      }
    }
    if (id === 0 && str() === 'name') {
      while (p < end) {
        const sub = b[p++];
        const subEnd = leb() + p;
        for (let i = 0, count = sub === 1 ? leb() : 0; i < count; i++) {
          const index = leb();
          names.set(index, str());
        }
        p = subEnd;
      }
    }
    p = end;
  }
  return sizes.map((bytes, i) => ({ index: imported + i, name: names.get(imported + i) ?? null, bytes }));
}

// How many of the import section's entries are functions (they come first in the index space).
function importedFunctions(b, at, seek, leb, str) {
  let functions = 0;
  for (let i = 0, count = leb(); i < count; i++) {
    str();
    str();
    const kind = b[at()];
    seek(at() + 1);
    if (kind === 0) {
      functions++;
      leb();
    } else if (kind === 1) {
      seek(at() + 1);
      limits(b, at, seek, leb);
    } else if (kind === 2) {
      limits(b, at, seek, leb);
    } else if (kind === 3) {
      seek(at() + 2);
    } else {
      leb(); // tag: attribute byte, then type index
      leb();
    }
  }
  return functions;
}

function limits(b, at, seek, leb) {
  const flags = b[at()];
  seek(at() + 1);
  leb();
  if (flags & 1) leb();
}
