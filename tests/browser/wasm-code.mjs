// The functions of a .wasm file: index, name (from the name section, when the build keeps one)
// and body size in bytes. Read by bench/tiers.mjs, to name what the browser's optimising tier
// compiled, and by wasm-code.test.mjs, which keeps the training step's hot functions small.

import fs from 'node:fs';

// A cursor over the module's bytes.
class Reader {
  constructor(bytes) {
    this.b = bytes;
    this.p = 8; // past the magic number and version
  }

  byte() {
    return this.b[this.p++];
  }

  leb() {
    let r = 0;
    let s = 0;
    let x;
    do {
      x = this.byte();
      r += (x & 0x7f) * 2 ** s;
      s += 7;
    } while (x & 0x80);
    return r;
  }

  str() {
    const len = this.leb();
    this.p += len;
    return this.b.subarray(this.p - len, this.p).toString();
  }

  // Memory or table limits: flags, minimum, and a maximum when flag bit 0 says so.
  limits() {
    const flags = this.byte();
    this.leb();
    if (flags & 1) this.leb();
  }
}

/** Reads `file`; returns `[{ index, name, bytes }]` for every function defined in it. */
export function wasmFunctions(file) {
  const r = new Reader(fs.readFileSync(file));
  let imported = 0;
  const sizes = [];
  const names = new Map();
  while (r.p < r.b.length) {
    const id = r.byte();
    const end = r.leb() + r.p;
    if (id === 2) imported = importedFunctions(r);
    if (id === 10) {
      for (let i = 0, count = r.leb(); i < count; i++) {
        const size = r.leb();
        sizes.push(size);
        r.p += size;
      }
    }
    if (id === 0 && r.str() === 'name') {
      while (r.p < end) {
        const sub = r.byte();
        const subEnd = r.leb() + r.p;
        for (let i = 0, count = sub === 1 ? r.leb() : 0; i < count; i++) {
          const index = r.leb();
          names.set(index, r.str());
        }
        r.p = subEnd;
      }
    }
    r.p = end;
  }
  return sizes.map((bytes, i) => ({ index: imported + i, name: names.get(imported + i) ?? null, bytes }));
}

// How many of the import section's entries are functions (they come first in the index space).
function importedFunctions(r) {
  let functions = 0;
  for (let i = 0, count = r.leb(); i < count; i++) {
    r.str(); // module
    r.str(); // name
    const kind = r.byte();
    if (kind === 0) {
      functions++;
      r.leb(); // type index
    } else if (kind === 1) {
      r.byte(); // element type
      r.limits();
    } else if (kind === 2) {
      r.limits();
    } else if (kind === 3) {
      r.p += 2; // value type, mutability
    } else {
      r.byte(); // tag: attribute, then type index
      r.leb();
    }
  }
  return functions;
}
