//! Modular-arithmetic data: all pairs (a, b) with a, b < p, shuffled by a seed and split into a
//! training share and the held-out rest (panel 14, and the W2 benchmark workload).

use crate::engine::rng::Rng;

/// One input pair `(a, b)`.
pub type Pair = (u32, u32);

/// All pairs `(a, b)` with `a, b < p`, shuffled by `seed` (Fisher–Yates) and split: the first
/// `round(train_frac · p²)` (at least 1, leaving at least 1) are for training.
pub fn split(p: usize, train_frac: f64, seed: u64) -> (Vec<Pair>, Vec<Pair>) {
    let mut pairs: Vec<Pair> = (0..p * p).map(|i| ((i / p) as u32, (i % p) as u32)).collect();
    let mut rng = Rng::stream(seed, 22);
    rng.shuffle(&mut pairs);
    let n = ((train_frac * pairs.len() as f64).round() as usize).clamp(1, pairs.len() - 1);
    let val = pairs.split_off(n);
    (pairs, val)
}

/// Inputs `[n, 2]` and targets (a + b) mod p, as `i64` rows for tensors.
pub fn addition_rows(pairs: &[Pair], p: usize) -> (Vec<i64>, Vec<i64>) {
    let x = pairs.iter().flat_map(|&(a, b)| [i64::from(a), i64::from(b)]).collect();
    let y = pairs.iter().map(|&(a, b)| ((a as usize + b as usize) % p) as i64).collect();
    (x, y)
}
