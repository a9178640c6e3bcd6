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
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::AdamParams,
    view: view::AdamPanel,
    explanation: explain::AdamExplanation,
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
    watch: "on the narrow valley SGD crawls along the floor while Adam moves at about η a step in both directions; lower down, AdamW's weights grow and its loss falls, while Adam + L2 keeps its weights small and its loss high.",
    test_query: "steps=40",
};
