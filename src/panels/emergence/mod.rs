//! Concept 13, emergent abilities as a matter of metric: a family of MLPs of growing width learns
//! k-digit addition; the same models are scored by exact match, per-digit accuracy, edit distance
//! and the log-probability of the answer, beside the exact match that independent digits predict.

use crate::plot::picture::Picture;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod pooled;
pub mod run;
pub mod runs;
pub mod scores;
pub mod task;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::EmergenceParams,
    view: view::EmergencePanel,
    explanation: explain::EmergenceExplanation,
    series: &["exact_match", "token_acc", "answer_logprob"],
    watch: "the exact-match curve jumping from near zero between two sizes, then the same models under per-digit accuracy, which climb steadily; the dashed curve, per-digit accuracy raised to the answer's length, predicts the jump.",
    picture: picture,
    test_query: "digits=2&sizes=3&steps=40",
    derive: pooled::DERIVE,
};

/// Exact match p^L against per-token accuracy p for answers of 1, 3 and 6 tokens.
fn picture() -> Picture {
    let curve = |l: i32| (0..=40).map(|i| i as f64 / 40.0).map(|p| (p, p.powi(l))).collect();
    Picture {
        lines: vec![(0, curve(1)), (1, curve(3)), (2, curve(6))],
        dots: Vec::new(),
        alt: "Exact match against per-token accuracy for answers of one, three and six tokens: the longer the answer, the later and sharper the rise",
        same_scale: true,
    }
}
