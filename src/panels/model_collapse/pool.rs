//! What each generation trains on. Generation 0 trains on real data. Generation g + 1 trains on a
//! batch of the same size made of a kept share of the real data and samples from generation g;
//! under [`Mode::Replace`] that batch is all it sees (Shumailov et al., "AI models collapse when
//! trained on recursively generated data", Nature 2024), under [`Mode::Accumulate`] it is added to
//! everything seen before (Gerstgrasser et al., "Is Model Collapse Inevitable? Breaking the Curse of
//! Recursion by Accumulating Real and Synthetic Data", 2024).

use crate::engine::choice::Choice;

/// Whether old data is thrown away each generation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Each generation trains on the newest batch only.
    Replace,
    /// Each generation trains on every batch so far, real data included.
    Accumulate,
}

impl Choice for Mode {
    const ALL: &'static [Self] = &[Mode::Replace, Mode::Accumulate];

    fn key(self) -> &'static str {
        match self {
            Mode::Replace => "replace",
            Mode::Accumulate => "accumulate",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Mode::Replace => "Replace: train only on the newest batch",
            Mode::Accumulate => "Accumulate: keep every batch",
        }
    }
}

/// The training set of the current generation.
#[derive(Clone, Debug, PartialEq)]
pub struct Pool<T> {
    real: Vec<T>,
    mode: Mode,
    real_frac: f64,
    /// Where the next batch's kept real data starts: batches rotate through the real data, so an
    /// accumulating pool does not weight one subset of it again and again.
    cursor: usize,
    /// What the current generation trains on.
    pub data: Vec<T>,
}

impl<T: Clone> Pool<T> {
    /// Generation 0's pool: the real data.
    pub fn new(real: Vec<T>, mode: Mode, real_frac: f64) -> Self {
        Self { data: real.clone(), real, mode, real_frac: real_frac.clamp(0.0, 1.0), cursor: 0 }
    }

    /// How many of the next `n` items are drawn from the model (the rest are kept real data).
    pub fn synthetic_needed(&self) -> usize {
        let n = self.real.len();
        n - self.kept_real()
    }

    fn kept_real(&self) -> usize {
        ((self.real_frac * self.real.len() as f64).round() as usize).min(self.real.len())
    }

    /// Moves to the next generation with `synthetic` (at least [`Pool::synthetic_needed`] items,
    /// drawn from the generation just trained).
    pub fn advance(&mut self, synthetic: &[T]) {
        let (keep, n) = (self.kept_real(), self.real.len());
        let real: Vec<T> = (0..keep).map(|i| self.real[(self.cursor + i) % n].clone()).collect();
        self.cursor = (self.cursor + keep) % n.max(1);
        let batch = real.into_iter().chain(synthetic.iter().take(n - keep).cloned());
        match self.mode {
            Mode::Replace => self.data = batch.collect(),
            Mode::Accumulate => self.data.extend(batch),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_swaps_the_batch_and_accumulate_grows() {
        let real = vec![1, 2, 3, 4];
        let mut r = Pool::new(real.clone(), Mode::Replace, 0.0);
        assert_eq!(r.synthetic_needed(), 4);
        r.advance(&[9, 9, 9, 9, 9]);
        assert_eq!(r.data, vec![9, 9, 9, 9]);
        let mut a = Pool::new(real.clone(), Mode::Accumulate, 0.5);
        assert_eq!(a.synthetic_needed(), 2);
        a.advance(&[7, 8]);
        assert_eq!(a.data, vec![1, 2, 3, 4, 1, 2, 7, 8]);
        a.advance(&[5, 6]);
        assert_eq!(&a.data[8..], &[3, 4, 5, 6], "the kept real data rotates");
        let mut all_real = Pool::new(real.clone(), Mode::Replace, 1.0);
        all_real.advance(&[]);
        assert_eq!(all_real.data, real);
        assert_eq!(Mode::from_key("accumulate"), Some(Mode::Accumulate));
        assert_eq!(Mode::from_key("x"), None);
    }
}
