//! Concept 01, cross-entropy loss: one prediction the reader edits, and a character language model
//! trained live on a public-domain text.

use crate::plot::picture::{self, Picture};
#[cfg(target_arch = "wasm32")]
pub mod bars;
pub mod experiment;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod runs;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::XentParams,
    view: view::XentPanel,
    explanation: explain::XentExplanation,
    series: &["train_loss", "val_loss"],
    watch: "drag the target's bar up and its loss falls towards 0 along the −ln p curve; below, the model's held-out loss sinks under the dashed “letter frequencies alone” line as its samples start to look like words.",
    picture: picture,
    test_query: "steps=30",
};

/// The loss −ln p against p, with a prediction on it.
fn picture() -> Picture {
    let line = picture::curve(0.02, 1.0, 60, |p| -p.ln());
    Picture {
        lines: vec![(0, line)],
        dots: vec![(0.3, -(0.3f64).ln(), 1)],
        alt: "The loss −ln p falling as p(target) rises",
        same_scale: false,
    }
}
