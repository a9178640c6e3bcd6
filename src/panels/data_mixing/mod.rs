//! Concept 10, data mixing: one small transformer trained on a mixture of four text domains
//! (prose, speeches, e-mail, arithmetic), with each domain's held-out loss and the weights over
//! time, under natural, uniform, temperature or the reader's own weights, or an online
//! reweighting in the spirit of DoReMi; and a sweep of models along a line through the simplex.

use crate::plot::picture::Picture;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod mix;
pub mod params;
pub mod run;
pub mod runs;
pub mod sweep;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::MixingParams,
    view: view::MixingPanel,
    explanation: explain::MixingExplanation,
    series: &[
        "val_loss_prose", "val_loss_speeches", "val_loss_email", "val_loss_arithmetic",
        "weight_prose", "weight_speeches", "weight_email", "weight_arithmetic",
    ],
    watch: "the four solid loss curves against their dashed 3-gram references, and the weights below: the online rule moves weight to the domains furthest above their reference, and the arithmetic, which the 3-gram thinks it has learned, is starved.",
    picture: picture,
    test_query: "steps=10&sweep=1&points=3&sweep_steps=10",
};

/// Temperature sampling's weights over the four domains, from T = 1 (natural) to T = 10.
fn picture() -> Picture {
    use crate::engine::data::domains::{sizes, K};
    let n = sizes();
    let lines = (0..K)
        .map(|d| {
            let pts = (0..=36).map(|i| 1.0 + f64::from(i) * 0.25).map(|t| (t, mix::temperature(n, t)[d])).collect();
            (d, pts)
        })
        .collect();
    Picture {
        lines,
        dots: Vec::new(),
        alt: "Each domain's sampling weight as the temperature rises from 1 to 10: the large domains give way to the small",
        same_scale: false,
    }
}
