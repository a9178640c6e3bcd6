//! Concept 06, mixed precision: fp32, fp16 and bf16 bit by bit; a live model's gradients against
//! fp16's range; and one model trained under five precision recipes from the same weights.

use crate::plot::picture::Picture;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod formats;
#[cfg(target_arch = "wasm32")]
pub mod formats_view;
pub mod histogram;
pub mod params;
pub mod recipe;
pub mod runs;
pub mod scaler;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::PrecisionParams,
    view: view::PrecisionPanel,
    explanation: explain::PrecisionExplanation,
    series: &[
        "loss_fp32",
        "loss_fp16",
        "loss_fp16_scaled",
        "loss_bf16",
        "loss_bf16_pure",
        "loss_scale",
        "underflow_share",
    ],
    watch: "the loss chart: fp16 without loss scaling stalls well above the rest, while fp16 with the scaler lies on fp32's line; then the histogram, where half of the gradients sit left of fp16's zero line until the scale moves them right.",
    picture: picture,
    test_query: "steps=30",
};

/// Numbers near 1 and their nearest bf16 values: a staircase 2⁻⁷ wide.
fn picture() -> Picture {
    let xs: Vec<f64> = (0..=80).map(|i| 1.0 + f64::from(i) * 0.0005).collect();
    let round = |x: f64| f64::from(formats::Format::Bf16.round(x as f32));
    Picture {
        lines: vec![(0, xs.iter().map(|&x| (x, x)).collect()), (1, xs.iter().map(|&x| (x, round(x))).collect())],
        dots: Vec::new(),
        alt: "Numbers just above 1 and their nearest bf16 values: a staircase with steps of 2^-7",
        same_scale: true,
    }
}
