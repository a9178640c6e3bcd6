//! Concept 01, cross-entropy loss: one prediction the reader edits, and a character language model
//! trained live on a public-domain text.

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
pub const PANEL: crate::kit::Panel = crate::kit::Panel {
    jobs: runs::jobs,
    round_trip: crate::kit::round_trip::<params::XentParams>,
    series: &["train_loss", "val_loss"],
    test_query: "steps=30",
    #[cfg(target_arch = "wasm32")]
    view: || {
        use leptos::prelude::*;
        view! { <view::XentPanel /> }.into_any()
    },
    #[cfg(target_arch = "wasm32")]
    explanation: || {
        use leptos::prelude::*;
        view! { <explain::XentExplanation /> }.into_any()
    },
};
