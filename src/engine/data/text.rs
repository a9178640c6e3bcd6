//! A character corpus for language models: chapters 1–10 of *Moby-Dick* (public domain; see
//! `assets/TEXTS.md`), its vocabulary, a train/validation split, and seeded batches of
//! (context, next character) windows.

use crate::engine::rng::Rng;
use burn::prelude::*;

/// The shipped text (≈109 k characters, 39 distinct).
pub const MOBY_DICK: &str = include_str!("../../../assets/moby-dick-1-10.txt");
/// The State of the Union addresses of 1790–1810, normalised the same way (see `assets/TEXTS.md`).
pub const SOTU: &str = include_str!("../../../assets/sotu-1790-1810.txt");

/// A text encoded over its own character vocabulary.
#[derive(Clone, Debug)]
pub struct Corpus {
    /// The vocabulary, sorted; a token is an index into it.
    pub vocab: Vec<char>,
    /// Training tokens (the first 90% of the text).
    pub train: Vec<u32>,
    /// Validation tokens (the last 10%).
    pub val: Vec<u32>,
}

impl Corpus {
    /// Encodes `text` and splits it 90/10 into training and validation text.
    pub fn new(text: &str) -> Self {
        let mut vocab: Vec<char> = text.chars().collect();
        vocab.sort_unstable();
        vocab.dedup();
        let tokens: Vec<u32> = text.chars().map(|c| vocab.binary_search(&c).unwrap_or(0) as u32).collect();
        let cut = tokens.len() * 9 / 10;
        Self { vocab, train: tokens[..cut].to_vec(), val: tokens[cut..].to_vec() }
    }

    /// The shipped text.
    pub fn moby_dick() -> Self {
        Self::new(MOBY_DICK)
    }

    /// Vocabulary size V.
    pub fn v(&self) -> usize {
        self.vocab.len()
    }

    /// Entropy of the training text's character frequencies, in nats: the loss of the best model
    /// that ignores context (a unigram model), H = −Σ p(c) ln p(c).
    pub fn unigram_entropy(&self) -> f64 {
        let mut counts = vec![0usize; self.v()];
        self.train.iter().for_each(|&t| counts[t as usize] += 1);
        let n = self.train.len() as f64;
        counts.iter().filter(|&&c| c > 0).map(|&c| c as f64 / n).map(|p| -p * p.ln()).sum()
    }

    /// Characters of `tokens` as a string.
    pub fn decode(&self, tokens: &[u32]) -> String {
        tokens.iter().map(|&t| self.vocab.get(t as usize).copied().unwrap_or('?')).collect()
    }

    /// Encodes `text`, skipping characters outside the vocabulary.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        text.chars().filter_map(|c| self.vocab.binary_search(&c).ok().map(|i| i as u32)).collect()
    }
}

/// `batch` windows of `context` characters and the character after each, drawn from `tokens` at
/// positions from `rng`: contexts `[batch, context]`, targets `[batch]`.
pub fn windows(
    tokens: &[u32],
    context: usize,
    batch: usize,
    rng: &mut Rng,
    device: &Device,
) -> (Tensor<2, Int>, Tensor<1, Int>) {
    // Window starts 0 ..= len − context − 1, so that the next character exists.
    let span = tokens.len().saturating_sub(context).max(1);
    let mut xs = Vec::with_capacity(batch * context);
    let mut ys = Vec::with_capacity(batch);
    for _ in 0..batch {
        let at = (rng.uniform() * span as f64) as usize % span;
        xs.extend(tokens[at..at + context].iter().map(|&t| t as i64));
        ys.push(i64::from(tokens[at + context]));
    }
    let x = Tensor::<2, Int>::from_data(TensorData::new(xs, [batch, context]), device);
    let y = Tensor::<1, Int>::from_data(TensorData::new(ys, [batch]), device);
    (x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_text_has_39_symbols_and_a_unigram_entropy_below_ln_v() {
        let c = Corpus::moby_dick();
        assert_eq!(c.v(), 39);
        assert!(c.train.len() > 90_000 && c.val.len() > 10_000);
        let h = c.unigram_entropy();
        assert!(h > 2.5 && h < (c.v() as f64).ln(), "H = {h}");
        assert_eq!(c.decode(&c.encode("call me ishmael.")), "call me ishmael.");
    }
}
