//! Panel 11's task: adding two numbers of 1 to 4 digits, written as one-hot digits, answered digit
//! by digit. An example's difficulty is its operands' number of digits, known by construction. The
//! training set is fixed and sorted by difficulty, and a share of it can carry a wrong answer
//! (label noise); the test set is clean.

use crate::engine::rng::Rng;
use burn::prelude::*;

/// Most digits of an operand; difficulties are 1 to `DIGITS`.
pub const DIGITS: usize = 4;
/// Digits of an answer (a sum can carry into one more).
pub const OUT: usize = DIGITS + 1;
/// Inputs: both operands' digits, one-hot.
pub const INPUTS: usize = 2 * DIGITS * 10;
/// Training examples per difficulty.
pub const TRAIN_PER: usize = 2_000;
/// Test examples per difficulty.
pub const TEST_PER: usize = 50;

/// One addition problem.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Problem {
    /// First operand.
    pub a: u64,
    /// Second operand.
    pub b: u64,
    /// The answer taught (a + b, unless the label is noisy).
    pub answer: u64,
    /// Operand digits, 1 to `DIGITS`.
    pub digits: usize,
}

/// The `i`-th decimal digit of `x` from the right.
fn digit(x: u64, i: usize) -> u64 {
    x / 10u64.pow(i as u32) % 10
}

/// A problem of `digits`-digit operands; with probability `noise` its answer is wrong (a + b plus
/// a random non-zero offset, kept within the answer's digits).
pub fn problem(digits: usize, noise: f64, rng: &mut Rng) -> Problem {
    let digits = digits.clamp(1, DIGITS);
    let lo = if digits == 1 { 0 } else { 10u64.pow(digits as u32 - 1) };
    let hi = 10u64.pow(digits as u32);
    let mut draw = || lo + rng.next_u64() % (hi - lo);
    let (a, b) = (draw(), draw());
    let mut answer = a + b;
    if rng.uniform() < noise {
        let modulus = 10u64.pow(OUT as u32);
        answer = (answer + 1 + rng.next_u64() % (modulus - 1)) % modulus;
    }
    Problem { a, b, answer, digits }
}

/// A set of problems as tensors: inputs `[n, INPUTS]`, answer digits `[n, OUT]` (least significant
/// first), and difficulties `[n]`.
#[derive(Clone, Debug)]
pub struct Set {
    /// One-hot operand digits.
    pub x: Tensor<2>,
    /// Answer digits.
    pub y: Tensor<2, Int>,
    /// Each example's difficulty.
    pub difficulty: Tensor<1>,
    /// How many examples.
    pub len: usize,
}

impl Set {
    /// `problems` on `device`.
    pub fn new(problems: &[Problem], device: &Device) -> Self {
        let n = problems.len();
        let mut x = vec![0f32; n * INPUTS];
        let mut y = Vec::with_capacity(n * OUT);
        for (r, p) in problems.iter().enumerate() {
            for i in 0..DIGITS {
                x[r * INPUTS + i * 10 + digit(p.a, i) as usize] = 1.0;
                x[r * INPUTS + (DIGITS + i) * 10 + digit(p.b, i) as usize] = 1.0;
            }
            y.extend((0..OUT).map(|i| digit(p.answer, i) as i64));
        }
        let d: Vec<f32> = problems.iter().map(|p| p.digits as f32).collect();
        Self {
            x: Tensor::from_data(TensorData::new(x, [n, INPUTS]), device),
            y: Tensor::from_data(TensorData::new(y, [n, OUT]), device),
            difficulty: Tensor::from_data(TensorData::new(d, [n]), device),
            len: n,
        }
    }
}

/// `per` problems of each difficulty, easiest first.
pub fn problems(per: usize, noise: f64, rng: &mut Rng) -> Vec<Problem> {
    (1..=DIGITS).flat_map(|d| (0..per).map(move |_| d)).map(|d| problem(d, noise, rng)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_have_their_digits_and_noise_rate() {
        let mut rng = Rng::new(3);
        let set = problems(500, 0.2, &mut rng);
        assert_eq!(set.len(), 500 * DIGITS);
        assert!(set.windows(2).all(|w| w[0].digits <= w[1].digits));
        for p in &set {
            let lo = if p.digits == 1 { 0 } else { 10u64.pow(p.digits as u32 - 1) };
            assert!((lo..10u64.pow(p.digits as u32)).contains(&p.a), "{p:?}");
        }
        let wrong = set.iter().filter(|p| p.answer != p.a + p.b).count() as f64 / set.len() as f64;
        assert!((wrong - 0.2).abs() < 0.03, "{wrong}");
        assert_eq!(digit(9_876, 0), 6);
        assert_eq!(digit(9_876, 3), 9);
    }
}
