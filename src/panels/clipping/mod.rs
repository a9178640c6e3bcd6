//! Concept 05, gradient clipping and accumulation: a network fed occasional corrupted batches,
//! trained with and without clipping; and k micro-batches accumulated against one big batch.

use crate::plot::picture::Picture;
pub mod accum;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod runs;
pub mod spiky;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::ClipParams,
    view: view::ClipPanel,
    explanation: explain::ClipExplanation,
    series: &[
        "grad_norm",
        "loss_unclipped",
        "loss_clipped",
        "clipped_share",
        "loss_accumulated",
        "loss_big_batch",
        "param_diff",
    ],
    watch: "the gradient-norm chart: each corrupted batch shoots far above the dashed threshold. In the loss chart below, the unclipped run jumps at those steps while the clipped one carries on.",
    picture: picture,
    test_query: "steps=60&accum_steps=20",
};

/// The clipping factor min(1, c/‖g‖) for c = 1, against ‖g‖.
fn picture() -> Picture {
    let g: Vec<f64> = (1..=60).map(|i| 0.1 * f64::from(i)).collect();
    Picture {
        lines: vec![(0, g.iter().map(|&n| (n, n)).collect()), (1, g.iter().map(|&n| (n, n.min(1.0))).collect())],
        dots: Vec::new(),
        alt: "The length of a step's gradient before clipping, and after: capped at the threshold",
        same_scale: true,
    }
}
