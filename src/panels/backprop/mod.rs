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
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::BackpropParams,
    view: view::BackpropPanel,
    explanation: explain::BackpropExplanation,
    series: &["train_loss", "train_acc", "grad_norm_layer_0", "grad_norm_layer_1", "grad_norm_layer_2"],
    watch: "the decision boundary bending to follow the spiral as the training loss falls, and the gradient-norm chart showing how hard each layer is being pushed.",
    test_query: "steps=40",
};
