//! Concept 03, Adam and AdamW: the optimiser race on 2-D surfaces, Adam's internals, and coupled
//! against decoupled weight decay.

pub mod decay;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod race;
pub mod runs;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::kit::Panel {
    jobs: runs::jobs,
    round_trip: crate::kit::round_trip::<params::AdamParams>,
    series: &[
        "loss_sgd",
        "loss_adam",
        "loss_adamw",
        "x_adam",
        "y_adam",
        "alive_adam",
        "adam_m_hat",
        "adam_v_hat",
        "decay_loss_adam_l2",
        "decay_loss_adamw",
        "weight_norm_adam_l2",
        "weight_norm_adamw",
    ],
    test_query: "steps=40",
    #[cfg(target_arch = "wasm32")]
    view: || {
        use leptos::prelude::*;
        view! { <view::AdamPanel /> }.into_any()
    },
    #[cfg(target_arch = "wasm32")]
    explanation: || {
        use leptos::prelude::*;
        view! { <explain::AdamExplanation /> }.into_any()
    },
};
