//! Panel 08's state: the corpus, the tokenizer's vocabulary, the model's shape, the optimisation
//! (AdamW with warm-up and cosine decay), the seed, and the prompt the reader types (its tokens and
//! the model's next-token distribution after it; changing it restarts nothing).

use super::config::{CorpusKind, PretrainConfig};
use crate::state::params::{Custom, Field, Int, Params, Pick, Real, Seed};

/// Panel 08's parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct PretrainParams {
    /// The text.
    pub corpus: CorpusKind,
    /// Tokenizer vocabulary (at or below the alphabet's 39 symbols: characters).
    pub vocab: usize,
    /// Transformer blocks.
    pub layers: usize,
    /// Model width d.
    pub width: usize,
    /// Attention heads (must divide the width: see [`Params::settle`]).
    pub heads: usize,
    /// Context length T.
    pub context: usize,
    /// Sequences per batch.
    pub batch: usize,
    /// AdamW's peak learning rate.
    pub lr: f64,
    /// Warm-up steps (below the step count).
    pub warmup: u64,
    /// Optimizer steps.
    pub steps: u64,
    /// Seed of the weights, the batches and the samples.
    pub seed: u64,
    /// The reader's prompt.
    pub prompt: String,
    /// Hidden controls and parts.
    pub hide: Vec<String>,
}

/// The prompt until the reader types one.
pub const DEFAULT_PROMPT: &str = "the whale";
/// The longest prompt kept, in characters.
pub const PROMPT_MAX: usize = 200;

impl Default for PretrainParams {
    fn default() -> Self {
        // Chosen by measuring (examples/pretrain_sweep.rs natively; tests/browser/time-defaults.mjs
        // in Chromium), 2026-12-03. Natively 12 steps/s, in a dev wasm build 7.5 steps/s, so 400
        // steps take about a minute in the browser. At 600 steps, held-out bits per character:
        // characters (V = 39, lr 0.01) 2.82, V = 256 (lr 0.01) 2.59, V = 512 (lr 0.005) 2.54; the
        // corpus's bigram entropy is 3.42. BPE-512 samples hold words by step ~150, characters'
        // only near the end. tests/pretraining.rs asserts the lesson at these defaults.
        Self {
            corpus: CorpusKind::MobyDick,
            vocab: 512,
            layers: 2,
            width: 64,
            heads: 4,
            context: 64,
            batch: 16,
            lr: 5e-3,
            warmup: 40,
            steps: 400,
            seed: 1,
            prompt: DEFAULT_PROMPT.into(),
            hide: Vec::new(),
        }
    }
}

impl PretrainParams {
    /// The run's settings (the prompt is not one of them).
    pub fn config(&self) -> PretrainConfig {
        PretrainConfig {
            corpus: self.corpus,
            vocab: self.vocab,
            layers: self.layers,
            width: self.width,
            heads: self.heads,
            context: self.context,
            batch: self.batch,
            lr: self.lr,
            warmup: self.warmup,
            steps: self.steps,
            seed: self.seed,
        }
    }
}

type P = PretrainParams;

/// Keeps the first [`PROMPT_MAX`] characters; an empty prompt keeps the one before.
fn read_prompt(p: &mut P, raw: &str, notes: &mut Vec<String>) {
    let n = raw.chars().count();
    if n > PROMPT_MAX {
        notes.push(format!("prompt: {n} characters given; the first {PROMPT_MAX} are kept."));
    }
    if n > 0 {
        p.prompt = raw.chars().take(PROMPT_MAX).collect();
    }
}

/// The text.
pub const CORPUS: Pick<P, CorpusKind> =
    Pick { key: "corpus", label: "Text", get: |p| p.corpus, set: |p, v| p.corpus = v };
/// The tokenizer's vocabulary.
pub const VOCAB: Int<P> =
    Int::<P>::new("vocab", "Vocabulary (39 = characters)", (39, 1024), |p| p.vocab as u64, |p, v| p.vocab = v as usize);
/// Blocks.
pub const LAYERS: Int<P> = Int::<P>::new("layers", "Layers", (1, 4), |p| p.layers as u64, |p, v| p.layers = v as usize);
/// Width.
pub const WIDTH: Int<P> =
    Int::<P>::new("width", "Width d", (16, 128), |p| p.width as u64, |p, v| p.width = v as usize).step(16);
/// Heads.
pub const HEADS: Int<P> =
    Int::<P>::new("heads", "Heads (divide d)", (1, 8), |p| p.heads as u64, |p, v| p.heads = v as usize);
/// Context.
pub const CONTEXT: Int<P> =
    Int::<P>::new("context", "Context T (tokens)", (8, 128), |p| p.context as u64, |p, v| p.context = v as usize)
        .step(8);
/// Batch.
pub const BATCH: Int<P> =
    Int::<P>::new("batch", "Batch B (sequences)", (1, 64), |p| p.batch as u64, |p, v| p.batch = v as usize);
/// Peak learning rate.
pub const LR: Real<P> = Real::<P>::new("lr", "Peak learning rate", (1e-4, 0.05), |p| p.lr, |p, v| p.lr = v).log();
/// Warm-up.
pub const WARMUP: Int<P> = Int::<P>::new("warmup", "Warm-up steps", (2, 2_000), |p| p.warmup, |p, v| p.warmup = v);
/// Steps.
pub const STEPS: Int<P> = Int::<P>::new("steps", "Steps", (10, 20_000), |p| p.steps, |p, v| p.steps = v).step(10);
/// Seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };
/// The prompt (typed in the panel).
pub const PROMPT: Custom<P> =
    Custom { key: "prompt", read: read_prompt, write: |p| (p.prompt != DEFAULT_PROMPT).then(|| p.prompt.clone()) };

impl Params for PretrainParams {
    const FIELDS: &'static [&'static dyn Field<Self>] =
        &[&CORPUS, &VOCAB, &LAYERS, &WIDTH, &HEADS, &CONTEXT, &BATCH, &LR, &WARMUP, &STEPS, &SEED, &PROMPT];
    const PARTS: &'static [&'static str] = &["tokenizer", "model", "next_token", "samples"];
    crate::hide_field!();
    /// The heads must divide the width, and the warm-up end two steps before the run does.
    fn settle(&mut self, notes: &mut Vec<String>) {
        if !self.width.is_multiple_of(self.heads) {
            let h = (1..=self.heads).rev().find(|h| self.width.is_multiple_of(*h)).unwrap_or(1);
            notes.push(format!("heads={} does not divide the width {}; using {h}.", self.heads, self.width));
            self.heads = h;
        }
        let most = self.steps.saturating_sub(2).max(2);
        if self.warmup > most {
            notes.push(format!("warmup={} is not below steps − 1; using {most}.", self.warmup));
            self.warmup = most;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::{Query, UrlParams};

    #[test]
    fn round_trip_and_bad_values() {
        let p = PretrainParams { corpus: CorpusKind::Sotu, prompt: "fellow citizens".into(), ..Default::default() };
        let mut notes = Vec::new();
        assert_eq!(PretrainParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let long = "x".repeat(500);
        let q = Query::parse(&format!("width=48&heads=5&steps=100&warmup=900&vocab=1e9&prompt={long}"));
        let p = PretrainParams::from_query(&q, &mut notes);
        assert_eq!((p.width, p.heads, p.warmup, p.vocab), (48, 4, 98, 1024));
        assert_eq!(p.prompt.len(), PROMPT_MAX);
        assert_eq!(notes.len(), 4, "{notes:?}");
    }
}
