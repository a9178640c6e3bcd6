//! Concept 02, backpropagation and gradient descent: parameters, the training run, and the view.

pub mod experiment;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod runs;
#[cfg(target_arch = "wasm32")]
pub mod view;

pub use experiment::BackpropExperiment;
pub use params::BackpropParams;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::kit::Panel {
    jobs: runs::jobs,
    round_trip: crate::kit::round_trip::<params::BackpropParams>,
    series: &["train_loss", "train_acc", "grad_norm_layer_0", "grad_norm_layer_1", "grad_norm_layer_2"],
    test_query: "steps=40",
    #[cfg(target_arch = "wasm32")]
    view: || {
        use leptos::prelude::*;
        view! { <view::BackpropPanel /> }.into_any()
    },
    #[cfg(target_arch = "wasm32")]
    explanation: || {
        use leptos::prelude::*;
        view! { <explain::BackpropExplanation /> }.into_any()
    },
};
