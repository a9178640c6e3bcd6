//! A text as tokens for a language model: a byte-pair encoding trained on the training part only
//! (a vocabulary at the alphabet's size is the character tokenizer), the 90/10 split encoded,
//! the corpus's own entropies as reference losses, and batches of sequences with a next-token
//! target at every position.

use super::bpe::Bpe;
use crate::engine::rng::Rng;
use burn::prelude::*;
use std::collections::HashMap;

/// A tokenized corpus.
#[derive(Clone, Debug)]
pub struct Tokens {
    /// The tokenizer, trained on the training text.
    pub bpe: Bpe,
    /// Training tokens (the first 90% of the text).
    pub train: Vec<u32>,
    /// Held-out tokens (the last 10%).
    pub val: Vec<u32>,
}

impl Tokens {
    /// Splits `text` 90/10 (at a character), trains a `vocab`-token BPE on the first part and
    /// encodes both.
    pub fn new(text: &str, vocab: usize) -> Self {
        let n = text.chars().count();
        let cut = text.char_indices().nth(n * 9 / 10).map_or(text.len(), |(i, _)| i);
        let bpe = Bpe::train(&text[..cut], vocab);
        Self { train: bpe.encode(&text[..cut]), val: bpe.encode(&text[cut..]), bpe }
    }

    /// Vocabulary size V.
    pub fn v(&self) -> usize {
        self.bpe.len()
    }

    /// The corpus's reference numbers (training text; characters per token on the held-out text).
    pub fn stats(&self) -> Stats {
        let text = self.bpe.decode(&self.train);
        let chars: Vec<u32> = text.chars().map(u32::from).collect();
        let bits = |nats: f64| nats / std::f64::consts::LN_2;
        Stats {
            unigram: unigram_entropy(&self.train),
            bigram: bigram_entropy(&self.train),
            char_unigram_bits: bits(unigram_entropy(&chars)),
            char_bigram_bits: bits(bigram_entropy(&chars)),
            chars_per_token: self.chars(&self.val) as f64 / self.val.len().max(1) as f64,
        }
    }

    /// Characters in the text of `ids`.
    pub fn chars(&self, ids: &[u32]) -> usize {
        ids.iter().filter_map(|&i| self.bpe.tokens.get(i as usize)).map(|t| t.chars().count()).sum()
    }
}

/// A corpus's reference numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Stats {
    /// [`unigram_entropy`] of the training tokens, nats per token.
    pub unigram: f64,
    /// [`bigram_entropy`] of the training tokens, nats per token.
    pub bigram: f64,
    /// The same over characters, in bits per character.
    pub char_unigram_bits: f64,
    /// The same over characters, in bits per character.
    pub char_bigram_bits: f64,
    /// Held-out characters per token.
    pub chars_per_token: f64,
}

/// −Σ p ln p over counts.
fn entropy_of<'a>(counts: impl Iterator<Item = &'a usize>, n: f64) -> f64 {
    counts.filter(|&&c| c > 0).map(|&c| c as f64 / n).map(|p| -p * p.ln()).sum()
}

/// H(X) of the token frequencies in `ids`, in nats: the loss of the best model that ignores
/// context.
pub fn unigram_entropy(ids: &[u32]) -> f64 {
    let mut counts: HashMap<u32, usize> = HashMap::new();
    ids.iter().for_each(|&t| *counts.entry(t).or_default() += 1);
    entropy_of(counts.values(), ids.len() as f64)
}

/// H(Xₜ | Xₜ₋₁) of `ids`, in nats, = H(Xₜ₋₁, Xₜ) − H(Xₜ₋₁) over adjacent pairs: the loss of the
/// best model that sees only the previous token, on this text (the plug-in estimate, which on a
/// finite text is optimistic for large vocabularies).
pub fn bigram_entropy(ids: &[u32]) -> f64 {
    let mut pairs: HashMap<(u32, u32), usize> = HashMap::new();
    ids.windows(2).for_each(|w| *pairs.entry((w[0], w[1])).or_default() += 1);
    let n = ids.len().saturating_sub(1).max(1) as f64;
    entropy_of(pairs.values(), n) - unigram_entropy(&ids[..ids.len().saturating_sub(1)])
}

/// `batch` windows of `context` tokens from `tokens` at positions from `rng`, with the next token
/// at every position: inputs `[batch, context]`, targets `[batch · context]`.
pub fn sequences(
    tokens: &[u32],
    context: usize,
    batch: usize,
    rng: &mut Rng,
    device: &Device,
) -> (Tensor<2, Int>, Tensor<1, Int>) {
    let span = tokens.len().saturating_sub(context + 1).max(1);
    let starts: Vec<usize> = (0..batch).map(|_| (rng.next_u64() % span as u64) as usize).collect();
    windows_at(tokens, context, &starts, device)
}

/// The windows of `context` tokens starting at `starts`, and their next-token targets.
pub fn windows_at(
    tokens: &[u32],
    context: usize,
    starts: &[usize],
    device: &Device,
) -> (Tensor<2, Int>, Tensor<1, Int>) {
    let b = starts.len();
    // A text shorter than a window wraps around (an empty one reads as token 0): never a panic.
    let n = tokens.len();
    let at = |i: usize| if n == 0 { 0 } else { i64::from(tokens[i % n]) };
    let (mut xs, mut ys) = (Vec::with_capacity(b * context), Vec::with_capacity(b * context));
    for &s in starts {
        xs.extend((s..s + context).map(at));
        ys.extend((s + 1..s + context + 1).map(at));
    }
    let x = Tensor::from_data(TensorData::new(xs, [b, context]), device);
    let y = Tensor::from_data(TensorData::new(ys, [b * context]), device);
    (x, y)
}
