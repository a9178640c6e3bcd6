//! Concept 02, backpropagation and gradient descent: parameters, the training run, and the view.

pub mod experiment;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
#[cfg(target_arch = "wasm32")]
pub mod view;

pub use experiment::BackpropExperiment;
pub use params::BackpropParams;
