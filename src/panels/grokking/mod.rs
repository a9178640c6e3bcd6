//! Concept 14, grokking: modular addition learned by heart first and understood much later, once
//! weight decay has shrunk the memorising solution away.

pub mod experiment;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod runs;
pub mod spectrum;
#[cfg(target_arch = "wasm32")]
pub mod spectrum_view;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::GrokParams,
    view: view::GrokPanel,
    explanation: explain::GrokExplanation,
    series: &["train_loss", "train_acc", "val_loss", "val_acc", "weight_norm", "nodecay_val_acc"],
    watch: "training accuracy reaches 100% early; validation accuracy stays low, then jumps long afterwards as the weight norm falls, while the dashed λ = 0 run never makes the jump.",
    test_query: "p=23&hidden=32&steps=40",
};
