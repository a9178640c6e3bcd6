//! Panel 17's task: n-digit addition worked column by column, and its exact verifier.
//!
//! A problem is fed to the model one column at a time, least significant first: the column's two
//! digits aᵢ, bᵢ and a hint token hᵢ (`?` unless the answer is being given away, see
//! rationalisation). After each column the model writes its rationale for it: the column's digit
//! sᵢ and the carry cᵢ it passes on. The answer is read off what the model wrote, sₙ…s₁ with the
//! last carry in front, so the verifier checks only the answer, as STaR's does: a wrong carry
//! that happens to give the right answer is kept.
//!
//! The model sees the last [`CONTEXT`] tokens, which hold the carry it wrote one column before
//! (cᵢ₋₁, aᵢ, bᵢ, hᵢ before sᵢ; aᵢ, bᵢ, hᵢ, sᵢ before cᵢ, which they determine: the column
//! carried exactly when sᵢ < aᵢ + bᵢ). The sequence opens with a carry of 0, so the first column
//! looks like any other: the carry is the state that lets a small window add numbers of any
//! length, and one table of 200 (carry, a, b) entries is all there is to learn.

use crate::engine::rng::Rng;

/// The longest problems, in digits per operand.
pub const MAX_DIGITS: usize = 8;
/// Tokens the model sees: the carry before the column, aᵢ, bᵢ, hᵢ; then aᵢ, bᵢ, hᵢ, sᵢ.
pub const CONTEXT: usize = 4;
/// Digits 0–9, then [`NO_HINT`] and [`START`].
pub const VOCAB: usize = 12;
/// The hint token when no hint is given.
pub const NO_HINT: u32 = 10;
/// Padding before the opening carry.
pub const START: u32 = 11;

/// The tokens before the first column: padding, then a carry of 0.
fn opening() -> Vec<u32> {
    let mut t = vec![START; CONTEXT - 1];
    t.push(0);
    t
}

/// Two n-digit operands, least significant digit first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// First operand's digits.
    pub a: Vec<u8>,
    /// Second operand's digits.
    pub b: Vec<u8>,
}

/// A problem and the rationale written for it: one digit and one carry per column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worked {
    /// The problem.
    pub problem: Problem,
    /// The digit written for each column.
    pub s: Vec<u8>,
    /// The carry written after each column (0 or 1 when well formed; any digit may be sampled).
    pub c: Vec<u8>,
}

fn value(digits: &[u8]) -> u64 {
    digits.iter().rev().fold(0, |v, &d| v * 10 + u64::from(d))
}

impl Problem {
    /// A random problem with `n` digits per operand (leading zeros allowed).
    pub fn random(n: usize, rng: &mut Rng) -> Self {
        let mut digit = || (rng.next_u64() % 10) as u8;
        let a = (0..n).map(|_| digit()).collect();
        let b = (0..n).map(|_| digit()).collect();
        Self { a, b }
    }

    /// Digits per operand.
    pub fn len(&self) -> usize {
        self.a.len()
    }

    /// Whether the operands have no digits.
    pub fn is_empty(&self) -> bool {
        self.a.is_empty()
    }

    /// a + b.
    pub fn sum(&self) -> u64 {
        value(&self.a) + value(&self.b)
    }

    /// The right rationale: schoolbook addition.
    pub fn worked(&self) -> Worked {
        let (mut s, mut c, mut carry) = (Vec::new(), Vec::new(), 0u8);
        for (a, b) in self.a.iter().zip(&self.b) {
            let t = a + b + carry;
            carry = t / 10;
            s.push(t % 10);
            c.push(carry);
        }
        Worked { problem: self.clone(), s, c }
    }

    /// "a + b", most significant digit first.
    pub fn text(&self) -> String {
        let show = |d: &[u8]| d.iter().rev().map(|d| char::from(b'0' + d)).collect::<String>();
        format!("{} + {}", show(&self.a), show(&self.b))
    }
}

impl Worked {
    /// The answer the rationale gives: the digits written, with the last carry in front.
    pub fn answer(&self) -> u64 {
        let top = self.c.last().copied().map_or(0, u64::from);
        value(&self.s) + top * 10u64.pow(self.s.len() as u32)
    }

    /// The verifier: whether the answer is a + b.
    pub fn is_right(&self) -> bool {
        self.s.len() == self.problem.len() && self.answer() == self.problem.sum()
    }

    /// The token sequence, with the true column digits as hints when `hints`.
    pub fn tokens(&self, hints: bool) -> Vec<u32> {
        let truth = self.problem.worked();
        let mut t = opening();
        for i in 0..self.s.len() {
            let h = if hints { u32::from(truth.s[i]) } else { NO_HINT };
            t.extend([u32::from(self.problem.a[i]), u32::from(self.problem.b[i]), h]);
            t.extend([u32::from(self.s[i]), u32::from(self.c[i])]);
        }
        t
    }

    /// The training windows: (the [`CONTEXT`] tokens before, the token the model wrote), two per
    /// column.
    pub fn windows(&self, hints: bool) -> Vec<([u32; CONTEXT], u32)> {
        let t = self.tokens(hints);
        let mut out = Vec::with_capacity(2 * self.s.len());
        for col in 0..self.s.len() {
            for k in [3, 4] {
                let at = CONTEXT + 5 * col + k;
                let mut ctx = [0; CONTEXT];
                ctx.copy_from_slice(&t[at - CONTEXT..at]);
                out.push((ctx, t[at]));
            }
        }
        out
    }

    /// The rationale in words: each column's sum and carry, then the answer.
    pub fn describe(&self) -> String {
        let p = &self.problem;
        let mut carry = 0;
        let steps: Vec<String> = (0..self.s.len())
            .map(|i| {
                let step = format!("{}+{}+{}→{} carry {}", p.a[i], p.b[i], carry, self.s[i], self.c[i]);
                carry = self.c[i];
                step
            })
            .collect();
        format!("{} : {} ⇒ {}", p.text(), steps.join("; "), self.answer())
    }
}

/// Writes a rationale for `p`, one token at a time from `logits(context)`: sampled at
/// `temperature`, or the most likely token at temperature 0. With `hints`, each column's hint
/// token is the true digit (rationalisation).
pub fn solve(p: &Problem, hints: bool, temperature: f64, rng: &mut Rng, logits: impl Fn(&[u32]) -> Vec<f32>) -> Worked {
    let truth = p.worked();
    let mut t = opening();
    let (mut s, mut c) = (Vec::new(), Vec::new());
    for i in 0..p.len() {
        let h = if hints { u32::from(truth.s[i]) } else { NO_HINT };
        t.extend([u32::from(p.a[i]), u32::from(p.b[i]), h]);
        for out in [&mut s, &mut c] {
            let d = pick(&logits(&t[t.len() - CONTEXT..]), temperature, rng);
            out.push(d);
            t.push(u32::from(d));
        }
    }
    Worked { problem: p.clone(), s, c }
}

/// A digit (tokens past 9 cannot be written) from the logits, sampled at `temperature`.
fn pick(logits: &[f32], temperature: f64, rng: &mut Rng) -> u8 {
    let digits = &logits[..10.min(logits.len())];
    let best = (0..digits.len()).max_by(|&i, &j| digits[i].total_cmp(&digits[j])).unwrap_or(0);
    if temperature <= 0.0 {
        return best as u8;
    }
    let z: Vec<f64> = digits.iter().map(|&l| f64::from(l)).collect();
    let mut u = rng.uniform();
    for (i, p) in crate::engine::xent::softmax(&z, temperature).iter().enumerate() {
        u -= p;
        if u < 0.0 {
            return i as u8;
        }
    }
    best as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verifier_accepts_exactly_the_right_answers() {
        let mut rng = Rng::new(5);
        for n in 1..=MAX_DIGITS {
            for _ in 0..50 {
                let p = Problem::random(n, &mut rng);
                let w = p.worked();
                assert!(w.is_right(), "{}", w.describe());
                // Change one written digit or carry: right exactly when the answer is unchanged.
                let mut wrong = w.clone();
                let i = (rng.next_u64() as usize) % n;
                let d = (rng.next_u64() % 10) as u8;
                if rng.uniform() < 0.5 {
                    wrong.s[i] = d;
                } else {
                    wrong.c[i] = d;
                }
                assert_eq!(wrong.is_right(), wrong.answer() == p.sum());
                assert_eq!(wrong.is_right(), wrong.s == w.s && wrong.c[n - 1] == w.c[n - 1]);
            }
        }
        let p = Problem { a: vec![7, 4], b: vec![5, 8] }; // 47 + 85 = 132
        assert_eq!((p.sum(), p.worked().answer()), (132, 132));
        assert_eq!(p.worked().s, vec![2, 3]);
    }

    #[test]
    fn windows_hold_the_carry_before_each_column() {
        let w = Problem { a: vec![7, 4], b: vec![5, 8] }.worked();
        let win = w.windows(false);
        assert_eq!(win.len(), 4);
        assert_eq!(win[0], ([0, 7, 5, NO_HINT], 2), "the first column's digit, after the opening carry 0");
        assert_eq!(win[1], ([7, 5, NO_HINT, 2], 1), "and its carry");
        assert_eq!(win[2], ([1, 4, 8, NO_HINT], 3), "the second column sees the carry 1 before it");
        assert_eq!(win[3], ([4, 8, NO_HINT, 3], 1));
        // Greedy solving with a perfect lookup reproduces the truth.
        let table: std::collections::HashMap<_, _> = win.into_iter().collect();
        let logits = |ctx: &[u32]| {
            let mut l = vec![0.0; VOCAB];
            l[table[&<[u32; CONTEXT]>::try_from(ctx).unwrap()] as usize] = 1.0;
            l
        };
        assert_eq!(solve(&w.problem, false, 0.0, &mut Rng::new(1), logits), w);
    }
}
