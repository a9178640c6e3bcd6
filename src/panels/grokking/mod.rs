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
pub const PANEL: crate::kit::Panel = crate::kit::Panel {
    jobs: runs::jobs,
    round_trip: crate::kit::round_trip::<params::GrokParams>,
    series: &["train_loss", "train_acc", "val_loss", "val_acc", "weight_norm", "nodecay_val_acc"],
    test_query: "p=23&hidden=32&steps=40",
    #[cfg(target_arch = "wasm32")]
    view: || {
        use leptos::prelude::*;
        view! { <view::GrokPanel /> }.into_any()
    },
    #[cfg(target_arch = "wasm32")]
    explanation: || {
        use leptos::prelude::*;
        view! { <explain::GrokExplanation /> }.into_any()
    },
};
