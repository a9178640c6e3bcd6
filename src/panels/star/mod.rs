//! Concept 17, self-improvement: the Self-Taught Reasoner loop at a size that trains in the
//! browser. A small model learns n-digit addition from a few worked short problems, then writes
//! rationales for problems of every length, keeps those an exact verifier accepts, and trains on
//! them, round after round; beside it, the same loop without the verifier.

use crate::plot::picture::Picture;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod run;
pub mod runs;
pub mod task;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::StarParams,
    view: view::StarPanel,
    explanation: explain::StarExplanation,
    series: &["accuracy", "kept", "accuracy_unfiltered"],
    watch: "the heatmap under the charts: round by round the cells of longer problems light up as the model trains on the rationales the verifier kept, while the line without the verifier falls behind.",
    picture: picture,
    test_query: "rounds=1&steps=20&pool=32&seed_set=8",
};

/// pⁿ for a per-column accuracy p rising round by round: the solved frontier moving right.
fn picture() -> Picture {
    let curve = |p: f64| (1..=8).map(|n| (f64::from(n), p.powi(n))).collect();
    Picture {
        lines: vec![(0, curve(0.6)), (1, curve(0.85)), (2, curve(0.97))],
        dots: Vec::new(),
        alt: "Accuracy against the number of digits for a model whose columns are right 60%, 85% and 97% of the time: each round solves longer problems",
        same_scale: false,
    }
}
