//! Panel 08's state: the corpus, the tokenizer's vocabulary, the model's shape, the optimisation
//! (AdamW with warm-up and cosine decay), the seed, and the prompt the reader types (its tokens and
//! the model's next-token distribution after it; changing it restarts nothing).

use super::config::{CorpusKind, PretrainConfig};
use crate::state::params::{Custom, Field, Int, Params, Pick, Real, Seed};

/// Panel 08's parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct PretrainParams {
    /// Everything the run is built from (its job restarts when this changes).
    pub run: PretrainConfig,
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
        let run = PretrainConfig {
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
        };
        Self { run, prompt: DEFAULT_PROMPT.into(), hide: Vec::new() }
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
    Pick { key: "corpus", label: "Text", get: |p| p.run.corpus, set: |p, v| p.run.corpus = v };
/// The tokenizer's vocabulary.
pub const VOCAB: Int<P> = Int::<P>::new(
    "vocab",
    "Vocabulary (39 = characters)",
    (39, 1024),
    |p| p.run.vocab as u64,
    |p, v| p.run.vocab = v as usize,
);
/// Blocks.
pub const LAYERS: Int<P> =
    Int::<P>::new("layers", "Layers", (1, 4), |p| p.run.layers as u64, |p, v| p.run.layers = v as usize);
/// Width.
pub const WIDTH: Int<P> =
    Int::<P>::new("width", "Width d", (16, 128), |p| p.run.width as u64, |p, v| p.run.width = v as usize).step(16);
/// Heads.
pub const HEADS: Int<P> =
    Int::<P>::new("heads", "Heads (divide d)", (1, 8), |p| p.run.heads as u64, |p, v| p.run.heads = v as usize);
/// Context.
pub const CONTEXT: Int<P> = Int::<P>::new(
    "context",
    "Context T (tokens)",
    (8, 128),
    |p| p.run.context as u64,
    |p, v| p.run.context = v as usize,
)
.step(8);
/// Batch.
pub const BATCH: Int<P> =
    Int::<P>::new("batch", "Batch B (sequences)", (1, 64), |p| p.run.batch as u64, |p, v| p.run.batch = v as usize);
/// Peak learning rate.
pub const LR: Real<P> =
    Real::<P>::new("lr", "Peak learning rate", (1e-4, 0.05), |p| p.run.lr, |p, v| p.run.lr = v).log();
/// Warm-up.
pub const WARMUP: Int<P> =
    Int::<P>::new("warmup", "Warm-up steps", (2, 2_000), |p| p.run.warmup, |p, v| p.run.warmup = v);
/// Steps.
pub const STEPS: Int<P> =
    Int::<P>::new("steps", "Steps", (10, 20_000), |p| p.run.steps, |p, v| p.run.steps = v).step(10);
/// Seed.
pub const SEED: Seed<P> = Seed { get: |p| p.run.seed, set: |p, v| p.run.seed = v };
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
        if !self.run.width.is_multiple_of(self.run.heads) {
            let h = (1..=self.run.heads).rev().find(|h| self.run.width.is_multiple_of(*h)).unwrap_or(1);
            notes.push(format!("heads={} does not divide the width {}; using {h}.", self.run.heads, self.run.width));
            self.run.heads = h;
        }
        let most = self.run.steps.saturating_sub(2).max(2);
        if self.run.warmup > most {
            notes.push(format!("warmup={} is not below steps − 1; using {most}.", self.run.warmup));
            self.run.warmup = most;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::{Query, UrlParams};

    #[test]
    fn round_trip_and_bad_values() {
        let p = PretrainParams {
            run: PretrainConfig { corpus: CorpusKind::Sotu, ..PretrainParams::default().run },
            prompt: "fellow citizens".into(),
            ..Default::default()
        };
        let mut notes = Vec::new();
        assert_eq!(PretrainParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let long = "x".repeat(500);
        let q = Query::parse(&format!("width=48&heads=5&steps=100&warmup=900&vocab=1e9&prompt={long}"));
        let p = PretrainParams::from_query(&q, &mut notes);
        assert_eq!((p.run.width, p.run.heads, p.run.warmup, p.run.vocab), (48, 4, 98, 1024));
        assert_eq!(p.prompt.len(), PROMPT_MAX);
        assert_eq!(notes.len(), 4, "{notes:?}");
    }
}
