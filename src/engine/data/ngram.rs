//! A character 3-gram model counted from a text, with Jelinek–Mercer interpolation down to the
//! uniform distribution (Jelinek & Mercer 1980; Chen & Goodman 1999 compare such smoothings); an
//! order whose context was never seen hands its weight to the order below, so every conditional
//! distribution sums to 1. It
//! is the "small reference model" of the data-mixing panel's online reweighting: built in
//! milliseconds, and a fair estimate of how much of a domain is predictable from local context.

/// Weight of each order's own estimate against the (normalised) estimate below it: 3-gram, 2-gram,
/// 1-gram (against uniform).
const LAMBDA: [f64; 3] = [0.6, 0.7, 0.9];

/// Dense counts over a vocabulary of `v` tokens.
#[derive(Clone, Debug)]
pub struct Trigram {
    v: usize,
    uni: Vec<u32>,
    bi: Vec<u32>,
    tri: Vec<u32>,
    total: u32,
}

impl Trigram {
    /// Counts every 1-, 2- and 3-gram of `ids` (tokens at or above `v` are ignored).
    pub fn count(ids: &[u32], v: usize) -> Self {
        let mut m = Self { v, uni: vec![0; v], bi: vec![0; v * v], tri: vec![0; v * v * v], total: 0 };
        let ids: Vec<usize> = ids.iter().map(|&i| i as usize).filter(|&i| i < v).collect();
        for (i, &c) in ids.iter().enumerate() {
            m.uni[c] += 1;
            m.total += 1;
            if i >= 1 {
                m.bi[ids[i - 1] * v + c] += 1;
            }
            if i >= 2 {
                m.tri[(ids[i - 2] * v + ids[i - 1]) * v + c] += 1;
            }
        }
        m
    }

    /// P(c | a, b), interpolated.
    pub fn prob(&self, a: u32, b: u32, c: u32) -> f64 {
        let v = self.v;
        let (a, b, c) = (a as usize % v, b as usize % v, c as usize % v);
        // The contexts' counts as followed by something: row sums of the next order's table.
        let ab: u32 = self.tri[(a * v + b) * v..(a * v + b + 1) * v].iter().sum();
        let bb: u32 = self.bi[b * v..(b + 1) * v].iter().sum();
        let blend = |l: f64, n: u32, d: u32, below: f64| {
            if d == 0 {
                below
            } else {
                l * f64::from(n) / f64::from(d) + (1.0 - l) * below
            }
        };
        let p1 = blend(LAMBDA[2], self.uni[c], self.total, 1.0 / v as f64);
        let p2 = blend(LAMBDA[1], self.bi[b * v + c], bb, p1);
        blend(LAMBDA[0], self.tri[(a * v + b) * v + c], ab, p2)
    }

    /// Mean negative log-likelihood (nats) of the targets `ids[i + 1]` after the window
    /// `ids[..=i]`, for `i` from 0: the first positions use the context they have (the missing
    /// tokens read as the window's first), as a transformer with a window would.
    pub fn window_nll(&self, x: &[u32], y: &[u32]) -> f64 {
        let n = y.len().min(x.len());
        let nll: f64 = (0..n)
            .map(|i| {
                let b = x[i];
                let a = if i >= 1 { x[i - 1] } else { x[0] };
                -self.prob(a, b, y[i]).ln()
            })
            .sum();
        nll / n.max(1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_sum_to_one_and_follow_the_counts() {
        // "abcabcabc": after "ab" always "c".
        let ids: Vec<u32> = "abcabcabc".bytes().map(|b| u32::from(b - b'a')).collect();
        let m = Trigram::count(&ids, 4);
        let total: f64 = (0..4).map(|c| m.prob(0, 1, c)).sum();
        assert!((total - 1.0).abs() < 1e-12, "{total}");
        // By hand: unigram 0.9·3/9 + 0.1/4 = 0.325; bigram 0.7·1 + 0.3·0.325 = 0.7975;
        // trigram 0.6·1 + 0.4·0.7975 = 0.919.
        assert!((m.prob(0, 1, 2) - 0.919).abs() < 1e-12);
        // An unseen context falls back on the unigram estimate, and still sums to 1.
        assert!((m.prob(3, 3, 0) - 0.325).abs() < 1e-12);
        let unseen: f64 = (0..4).map(|c| m.prob(3, 3, c)).sum();
        assert!((unseen - 1.0).abs() < 1e-12, "{unseen}");
        assert!(m.window_nll(&ids[..8], &ids[1..9]) < 0.5);
    }
}
