//! Panel 13's metrics, computed on the host from a model's log-probabilities on the test problems:
//! exact match of the whole answer, per-token (per-digit) accuracy, token edit distance, the
//! log-probability of the correct answer, exact match of the first j digits for every j, and each
//! position's accuracy. Also the sharpness measure the tests and the page use.

/// A model's scores on a test set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Share of answers with every digit right.
    pub exact: f64,
    /// Share of digits right.
    pub token: f64,
    /// Mean Levenshtein distance between the predicted and the true digit strings.
    pub edit: f64,
    /// Mean log-probability of the whole correct answer (the sum over its digits), nats.
    pub logprob: f64,
    /// `by_len[j-1]`: share of answers whose first j digits (least significant) are all right.
    pub by_len: Vec<f64>,
    /// `by_pos[i]`: accuracy of digit i (least significant first).
    pub by_pos: Vec<f64>,
}

/// Levenshtein distance between two digit strings (unit costs).
pub fn levenshtein(a: &[i64], b: &[i64]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

impl Scores {
    /// Scores from log-probabilities `lp` (`[n, len, 10]`, row-major) and the true digits
    /// (`[n, len]`). Ties in the argmax go to the lower digit.
    pub fn new(lp: &[f32], truth: &[i64], len: usize) -> Self {
        let n = truth.len() / len.max(1);
        if n == 0 || lp.len() != n * len * 10 {
            return Self::default();
        }
        let mut s = Self { by_len: vec![0.0; len], by_pos: vec![0.0; len], ..Self::default() };
        for r in 0..n {
            let t = &truth[r * len..(r + 1) * len];
            let pred: Vec<i64> = (0..len)
                .map(|i| {
                    let row = &lp[(r * len + i) * 10..(r * len + i + 1) * 10];
                    (0..10).fold(0, |best, d| if row[d] > row[best] { d } else { best }) as i64
                })
                .collect();
            let right: Vec<bool> = pred.iter().zip(t).map(|(p, q)| p == q).collect();
            s.exact += f64::from(u8::from(right.iter().all(|&b| b)));
            s.token += right.iter().filter(|&&b| b).count() as f64 / len as f64;
            // Strings are compared most significant digit first, as they are written.
            let (rp, rt): (Vec<i64>, Vec<i64>) =
                (pred.iter().rev().copied().collect(), t.iter().rev().copied().collect());
            s.edit += levenshtein(&rp, &rt) as f64;
            s.logprob += (0..len).map(|i| f64::from(lp[(r * len + i) * 10 + t[i] as usize])).sum::<f64>();
            let first_wrong = right.iter().position(|&b| !b).unwrap_or(len);
            (0..first_wrong).for_each(|j| s.by_len[j] += 1.0);
            right.iter().enumerate().filter(|(_, &b)| b).for_each(|(i, _)| s.by_pos[i] += 1.0);
        }
        let nf = n as f64;
        for v in [&mut s.exact, &mut s.token, &mut s.edit, &mut s.logprob] {
            *v /= nf;
        }
        s.by_len.iter_mut().chain(s.by_pos.iter_mut()).for_each(|v| *v /= nf);
        s
    }
}

/// How abrupt a rise is: the largest share of the total change (first point to last) made between
/// two adjacent points. 1/(n−1) for a straight line, 1 for a single step.
pub fn sharpness(ys: &[f64]) -> f64 {
    let total = ys.last().zip(ys.first()).map_or(0.0, |(l, f)| l - f);
    if ys.len() < 2 || total.abs() < 1e-12 {
        return 0.0;
    }
    ys.windows(2).map(|w| (w[1] - w[0]) / total).fold(f64::NEG_INFINITY, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein(&[1, 2, 3], &[1, 2, 3]), 0);
        assert_eq!(levenshtein(&[1, 2, 3], &[1, 3]), 1);
        assert_eq!(levenshtein(&[1, 2, 3, 4], &[2, 3, 4, 5]), 2);
        assert_eq!(levenshtein(&[], &[7, 7]), 2);
    }

    #[test]
    fn scores_of_a_hand_made_prediction() {
        // Two problems, two digits. Row 0 predicts 3,4 (truth 3,4); row 1 predicts 1,2 (truth 1,5).
        let mut lp = vec![-5.0f32; 2 * 2 * 10];
        for (slot, d) in [(0, 3), (1, 4), (2, 1), (3, 2)] {
            lp[slot * 10 + d] = -0.1;
        }
        let s = Scores::new(&lp, &[3, 4, 1, 5], 2);
        assert_eq!((s.exact, s.token, s.edit), (0.5, 0.75, 0.5));
        assert!((s.logprob - (-0.2 + -5.1) / 2.0).abs() < 1e-6);
        assert_eq!((s.by_len.clone(), s.by_pos.clone()), (vec![1.0, 0.5], vec![1.0, 0.5]));
    }

    #[test]
    fn a_step_is_sharper_than_a_ramp() {
        assert!((sharpness(&[0.0, 0.25, 0.5, 0.75, 1.0]) - 0.25).abs() < 1e-12);
        assert_eq!(sharpness(&[0.0, 0.0, 0.0, 1.0, 1.0]), 1.0);
    }
}
