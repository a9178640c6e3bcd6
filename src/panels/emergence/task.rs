//! Panel 13's task: adding two k-digit numbers (leading zeros allowed), operands written as
//! one-hot digits and the k + 1 answer digits predicted side by side, least significant first.
//! Every problem is drawn fresh, so no model sees a test problem except by chance.

use crate::engine::rng::Rng;

/// Most digits an operand may have.
pub const MAX_DIGITS: usize = 6;

/// Inputs for operands of `k` digits: both operands' digits, one-hot.
pub fn inputs(k: usize) -> usize {
    2 * k * 10
}

/// Answer digits for operands of `k` digits (a sum can carry into one more).
pub fn answer_len(k: usize) -> usize {
    k + 1
}

/// The `i`-th decimal digit of `x` from the right.
pub fn digit(x: u64, i: usize) -> u64 {
    x / 10u64.pow(i as u32) % 10
}

/// `n` problems of `k`-digit operands, encoded: inputs `[n · 2k · 10]` (one-hot, row-major) and
/// answer digits `[n · (k+1)]` (least significant first).
pub fn batch(k: usize, n: usize, rng: &mut Rng) -> (Vec<f32>, Vec<i64>) {
    let top = 10u64.pow(k as u32);
    let (mut x, mut y) = (vec![0.0f32; n * inputs(k)], Vec::with_capacity(n * answer_len(k)));
    for r in 0..n {
        let (a, b) = (rng.next_u64() % top, rng.next_u64() % top);
        for i in 0..k {
            x[r * inputs(k) + i * 10 + digit(a, i) as usize] = 1.0;
            x[r * inputs(k) + (k + i) * 10 + digit(b, i) as usize] = 1.0;
        }
        y.extend((0..answer_len(k)).map(|i| digit(a + b, i) as i64));
    }
    (x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_encodes_its_sums() {
        let (x, y) = batch(3, 50, &mut Rng::stream(1, 1));
        assert_eq!((x.len(), y.len()), (50 * 60, 50 * 4));
        for r in 0..50 {
            let row = &x[r * 60..(r + 1) * 60];
            assert_eq!(row.iter().sum::<f32>(), 6.0);
            let num = |from: usize| {
                (0..3)
                    .map(|i| {
                        let d = row[(from + i) * 10..(from + i + 1) * 10].iter().position(|&v| v == 1.0).unwrap();
                        d as u64 * 10u64.pow(i as u32)
                    })
                    .sum::<u64>()
            };
            let sum: u64 = (0..4).map(|i| y[r * 4 + i] as u64 * 10u64.pow(i as u32)).sum();
            assert_eq!(num(0) + num(3), sum);
        }
    }
}
