//! What one pre-training run is built from: the corpus, the tokenizer's size, the model's shape
//! and the optimisation, as plain data: the panel's parameters hold one (`PretrainParams::run`),
//! the job is built from it, and it is what the job restarts on.

use crate::engine::choice::Choice;
use crate::engine::data::text::{MOBY_DICK, SOTU};
use crate::engine::models::gpt::GptShape;

/// The texts to pre-train on (see `assets/TEXTS.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorpusKind {
    /// *Moby-Dick*, chapters 1–10.
    MobyDick,
    /// The State of the Union addresses of 1790–1810.
    Sotu,
}

impl Choice for CorpusKind {
    const ALL: &'static [Self] = &[Self::MobyDick, Self::Sotu];
    fn key(self) -> &'static str {
        match self {
            Self::MobyDick => "moby-dick",
            Self::Sotu => "sotu",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Self::MobyDick => "Moby-Dick, chapters 1–10 (109 k characters)",
            Self::Sotu => "State of the Union, 1790–1810",
        }
    }
}

impl CorpusKind {
    /// Every text (as [`Choice::ALL`], without importing the trait).
    pub const ALL_KINDS: &'static [Self] = <Self as Choice>::ALL;
    /// The normalised text.
    pub fn text(self) -> &'static str {
        match self {
            Self::MobyDick => MOBY_DICK,
            Self::Sotu => SOTU,
        }
    }
    /// The fixed prompt that checkpoint samples continue.
    pub fn prompt(self) -> &'static str {
        match self {
            Self::MobyDick => "the whale",
            Self::Sotu => "the people of the united states",
        }
    }
}

/// One run's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PretrainConfig {
    /// The text.
    pub corpus: CorpusKind,
    /// Tokenizer vocabulary (at or below the alphabet's size: characters).
    pub vocab: usize,
    /// Transformer blocks.
    pub layers: usize,
    /// Model width d.
    pub width: usize,
    /// Attention heads (divides `width`).
    pub heads: usize,
    /// Context length T.
    pub context: usize,
    /// Sequences per batch B.
    pub batch: usize,
    /// AdamW's peak learning rate.
    pub lr: f64,
    /// Warm-up steps (then cosine decay to a tenth of the peak).
    pub warmup: u64,
    /// Optimizer steps.
    pub steps: u64,
    /// Seed of the weights, the batches and the samples.
    pub seed: u64,
}

impl PretrainConfig {
    /// The model's shape for a vocabulary of `vocab` tokens (MLP width 4d, as GPT-2).
    pub fn shape(&self, vocab: usize) -> GptShape {
        GptShape {
            vocab,
            context: self.context,
            layers: self.layers,
            heads: self.heads,
            d_model: self.width,
            d_ff: 4 * self.width,
        }
    }
    /// Tokens per optimizer step, B·T.
    pub fn tokens_per_step(&self) -> u64 {
        (self.batch * self.context) as u64
    }
}
