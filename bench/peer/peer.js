// The TF.js peer of Trainlab's reference workloads (src/engine/workloads): the same shapes,
// optimisers and batch sizes, written with TF.js ops, timed the same way (every step's loss is read
// back before the next step starts). Exposes
//   await tfjsBench.run({workload, backend: 'wasm' | 'webgpu' | 'cpu', steps, warmup})
//     -> {workload, backend, stepsPerSec, finalLoss, steps}
// TF.js has no AdamW: its Adam step is followed by the decoupled decay θ ← θ − η·λ·θ, as Burn's
// AdamW does (Loshchilov & Hutter 2019).
/* global tf */

// SplitMix64 is overkill here: the peer needs the same distributions, not the same numbers.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniform = (shape, bound, r) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (r() * 2 - 1) * bound), shape);
const he = (fanIn, fanOut, r) => tf.variable(uniform([fanIn, fanOut], Math.sqrt(6 / fanIn), r));
const glorot = (fanIn, fanOut, r) => tf.variable(uniform([fanIn, fanOut], Math.sqrt(6 / (fanIn + fanOut)), r));
const zeros = (n) => tf.variable(tf.zeros([n]));
const ones = (n) => tf.variable(tf.ones([n]));

// Rows `ids` of `table`. TF.js's wasm backend has no kernel for the gradient of `gather`
// (UnsortedSegmentSum), so there the lookup is a one-hot matrix product, as a TF.js user would write it.
function embed(table, ids, n) {
  return tf.getBackend() === 'wasm' ? tf.matMul(tf.oneHot(ids, n).toFloat(), table) : tf.gather(table, ids);
}

function adamw(lr, beta2, weightDecay, vars) {
  const opt = tf.train.adam(lr, 0.9, beta2, 1e-8);
  return (lossFn) => {
    const cost = opt.minimize(lossFn, true, vars);
    if (weightDecay > 0) tf.tidy(() => vars.forEach((v) => v.assign(v.mul(1 - lr * weightDecay))));
    return cost;
  };
}

// W1: two-arm spiral, 512 points; MLP 2→32→32→2 ReLU; AdamW lr 1e-2, λ 1e-2.
function spiralMlp() {
  const r = rng(1);
  const xs = [];
  const ys = [];
  for (let i = 0; i < 512; i++) {
    const c = i % 2;
    const t = r();
    const a = 4 * Math.PI * t + Math.PI * c + (r() * 2 - 1) * 0.15;
    xs.push(t * Math.cos(a), t * Math.sin(a));
    ys.push(c);
  }
  const x = tf.tensor2d(xs, [512, 2]);
  const y = tf.oneHot(tf.tensor1d(ys, 'int32'), 2);
  const p = [he(2, 32, r), zeros(32), he(32, 32, r), zeros(32), he(32, 2, r), zeros(2)];
  const step = adamw(1e-2, 0.999, 1e-2, p);
  return () =>
    step(() => {
      const h1 = tf.relu(tf.add(tf.matMul(x, p[0]), p[1]));
      const h2 = tf.relu(tf.add(tf.matMul(h1, p[2]), p[3]));
      return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h2, p[4]), p[5]));
    });
}

// W2: (a + b) mod 97, 3,764 shuffled pairs in one batch; shared 97×32 embedding, 64→128 ReLU→97;
// AdamW lr 1e-3, β₂ 0.98, λ 1.
function grokMlp() {
  const P = 97;
  const r = rng(2);
  const pairs = [];
  for (let a = 0; a < P; a++) for (let b = 0; b < P; b++) pairs.push([a, b]);
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  const train = pairs.slice(0, Math.round(0.4 * P * P));
  const a = tf.tensor1d(train.map((q) => q[0]), 'int32');
  const b = tf.tensor1d(train.map((q) => q[1]), 'int32');
  const y = tf.oneHot(tf.tensor1d(train.map((q) => (q[0] + q[1]) % P), 'int32'), P);
  const table = tf.variable(tf.randomNormal([P, 32], 0, Math.sqrt(1 / 32)));
  const p = [table, he(64, 128, r), zeros(128), he(128, P, r), zeros(P)];
  const step = adamw(1e-3, 0.98, 1, p);
  // The inputs never change: on wasm, their one-hot matrices are built once, outside the timed step.
  const [ha, hb] = tf.getBackend() === 'wasm' ? [tf.oneHot(a, P).toFloat(), tf.oneHot(b, P).toFloat()] : [null, null];
  const look = (ids, hot) => (hot ? tf.matMul(hot, table) : tf.gather(table, ids));
  return () =>
    step(() => {
      const e = tf.concat([look(a, ha), look(b, hb)], 1);
      const h = tf.relu(tf.add(tf.matMul(e, p[1]), p[2]));
      return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h, p[3]), p[4]));
    });
}

// W3: nanoGPT's CPU shakespeare-char shape. Vocabulary 65, context 64, batch 12, 4 pre-LN blocks,
// 4 heads, d 128, MLP 512 with GELU (tanh form), learned positions, causal attention; Adam lr 1e-3.
// The tokens are random (the cost of a step does not depend on the text).
function charTransformer() {
  const [V, T, B, L, H, C, F] = [65, 64, 12, 4, 4, 128, 512];
  const D = C / H;
  const r = rng(3);
  const params = [];
  const keep = (v) => (params.push(v), v);
  const tok = keep(tf.variable(tf.randomNormal([V, C], 0, 1)));
  const pos = keep(tf.variable(tf.randomNormal([T, C], 0, 1)));
  const blocks = Array.from({ length: L }, () => ({
    g1: keep(ones(C)), b1: keep(zeros(C)),
    wqkv: keep(glorot(C, 3 * C, r)), bqkv: keep(zeros(3 * C)),
    wo: keep(glorot(C, C, r)), bo: keep(zeros(C)),
    g2: keep(ones(C)), b2: keep(zeros(C)),
    w1: keep(glorot(C, F, r)), c1: keep(zeros(F)),
    w2: keep(glorot(F, C, r)), c2: keep(zeros(C)),
  }));
  const gf = keep(ones(C));
  const bf = keep(zeros(C));
  const head = keep(glorot(C, V, r));
  const hb = keep(zeros(V));
  const mask = tf.linalg.bandPart(tf.ones([T, T]), -1, 0).sub(1).mul(1e9); // 0 on/below the diagonal
  const opt = tf.train.adam(1e-3);
  const norm = (x, g, b) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(g).add(b);
  };
  const gelu = (x) => x.mul(0.5).mul(tf.tanh(x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI))).add(1));
  const heads = (x) => x.reshape([B, T, H, D]).transpose([0, 2, 1, 3]); // [B, H, T, D]
  return () => {
    const ids = Int32Array.from({ length: B * (T + 1) }, () => Math.floor(r() * 39));
    const x = tf.tensor2d(ids.filter((_, i) => i % (T + 1) !== T), [B, T], 'int32');
    const y = tf.oneHot(tf.tensor1d(ids.filter((_, i) => i % (T + 1) !== 0), 'int32'), V);
    const cost = opt.minimize(
      () => {
        let h = embed(tok, x.reshape([B * T]), V).reshape([B, T, C]).add(pos).reshape([B * T, C]); // [BT, C]
        for (const k of blocks) {
          const qkv = norm(h, k.g1, k.b1).matMul(k.wqkv).add(k.bqkv);
          const [q, kk, v] = tf.split(qkv, 3, 1).map(heads);
          const att = tf.softmax(tf.matMul(q, kk, false, true).div(Math.sqrt(D)).add(mask));
          const o = tf.matMul(att, v).transpose([0, 2, 1, 3]).reshape([B * T, C]);
          h = h.add(o.matMul(k.wo).add(k.bo));
          h = h.add(gelu(norm(h, k.g2, k.b2).matMul(k.w1).add(k.c1)).matMul(k.w2).add(k.c2));
        }
        return tf.losses.softmaxCrossEntropy(y, norm(h, gf, bf).matMul(head).add(hb));
      },
      true,
      params,
    );
    x.dispose();
    y.dispose();
    return cost;
  };
}

const WORKLOADS = { 'spiral-mlp': spiralMlp, 'grok-mlp': grokMlp, 'char-transformer': charTransformer };

async function run({ workload, backend = 'wasm', steps = 50, warmup = 5 }) {
  if (!WORKLOADS[workload]) throw new Error(`workload must be one of ${Object.keys(WORKLOADS)}, not ${workload}`);
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} is not available here`);
  await tf.ready();
  const step = WORKLOADS[workload]();
  const read = async () => {
    const cost = step();
    const [v] = await cost.data();
    cost.dispose();
    return v;
  };
  for (let i = 0; i < warmup; i++) await read();
  const t0 = performance.now();
  let loss = NaN;
  for (let i = 0; i < steps; i++) loss = await read();
  const seconds = (performance.now() - t0) / 1000;
  tf.disposeVariables();
  // Which wasm binary TF.js loaded: SIMD, and threads (which need a cross-origin isolated page).
  const flavour = backend === 'wasm'
    ? { simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), threads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT') }
    : {};
  return { workload, backend, stepsPerSec: steps / seconds, finalLoss: loss, steps, ...flavour };
}

window.tfjsBench = { run, workloads: Object.keys(WORKLOADS) };
