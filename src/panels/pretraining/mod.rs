//! Concept 08, pre-training: a small decoder-only transformer learns next-token prediction on a
//! public-domain text, with a byte-pair tokenizer trained on it; the page splits the reader's
//! prompt into tokens, shows the model's next-token distribution after it, and keeps text sampled
//! at checkpoints side by side.

use crate::plot::picture::Picture;
pub mod config;
pub mod experiment;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod probe;
pub mod runs;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::PretrainParams,
    view: view::PretrainPanel,
    explanation: explain::PretrainExplanation,
    series: &["train_loss", "val_loss", "bits_per_char", "tokens_seen"],
    watch: "the samples at the bottom, left to right: subword noise at step 1, word fragments, then words and short phrases; above them the held-out bits per character sinking under the dashed “previous letter only” line.",
    picture: picture,
    test_query: "steps=20&warmup=4&vocab=128&layers=1&width=32&context=32&batch=8",
};

/// Zipf's law in the shipped text: ln(frequency) of each word against ln(rank).
fn picture() -> Picture {
    use std::collections::HashMap;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let text = crate::engine::data::text::MOBY_DICK;
    text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).for_each(|w| *counts.entry(w).or_default() += 1);
    let mut freq: Vec<usize> = counts.into_values().collect();
    freq.sort_unstable_by(|a, b| b.cmp(a));
    let points = freq.iter().enumerate().step_by(7).map(|(r, &f)| (((r + 1) as f64).ln(), (f as f64).ln())).collect();
    Picture {
        lines: vec![(0, points)],
        dots: Vec::new(),
        alt: "Word frequency against rank in Moby-Dick, log-log: Zipf's line",
        same_scale: false,
    }
}
