//! Concept 14, grokking: modular addition learned by heart first and understood much later, once
//! weight decay has shrunk the memorising solution away.

use crate::plot::picture::Picture;
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
    picture: picture,
    test_query: "p=23&hidden=32&steps=40",
};

/// The task's table for p = 11: the pairs trained on and the held-out rest.
fn picture() -> Picture {
    let (train, val) = crate::engine::data::modular::split(11, 0.3, 1);
    let dot = |c| move |&(a, b): &(u32, u32)| (f64::from(a), f64::from(b), c);
    let dots = train.iter().map(dot(0)).chain(val.iter().map(dot(6))).collect();
    Picture {
        lines: Vec::new(),
        dots,
        alt: "The table of (a + b) mod 11: the 30% of pairs trained on, and the held-out rest",
        same_scale: true,
    }
}
