//! Concept 07, gradient checkpointing: a deep MLP's gradient computed while storing every
//! activation, every k-th, every √n-th, or none, with the activation bytes counted as they are
//! held, the time measured, and the gradients compared.

use crate::plot::picture::Picture;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod run;
pub mod runs;
pub mod segments;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::CheckpointParams,
    view: view::CheckpointPanel,
    explanation: explain::CheckpointExplanation,
    series: &[
        "peak_bytes_all",
        "peak_bytes_every_k",
        "peak_bytes_sqrt",
        "peak_bytes_none",
        "step_ms_all",
        "step_ms_every_k",
        "step_ms_sqrt",
        "step_ms_none",
        "grad_diff_all",
        "grad_diff_every_k",
        "grad_diff_sqrt",
        "grad_diff_none",
    ],
    watch: "the memory chart: storing every activation climbs through the forward pass and falls through the backward, while √n checkpoints hold a fraction of that and recomputing everything holds almost nothing; then the trade-off chart, where √n sits at the bend.",
    picture: picture,
    test_query: "steps=10&n=6&width=16",
};

/// Peak memory against n for storing everything (grows like n) and √n checkpoints, by formula.
fn picture() -> Picture {
    use segments::{sqrt_k, Strategy};
    let ns: Vec<usize> = (1..=36).collect();
    let held = |s: Strategy, n: usize| match s.spacing(n) {
        Some(k) => (n.div_ceil(k) + k) as f64,
        None => 2.0,
    };
    Picture {
        lines: vec![
            (0, ns.iter().map(|&n| (n as f64, n as f64)).collect()),
            (2, ns.iter().map(|&n| (n as f64, held(Strategy::EveryK(sqrt_k(n)), n))).collect()),
        ],
        dots: Vec::new(),
        alt: "Activations held against depth: a straight line when storing everything, a √n curve with checkpoints",
        same_scale: true,
    }
}
