//! Concept 14, grokking: modular addition learned by heart first and understood much later, once
//! weight decay has shrunk the memorising solution away.

pub mod experiment;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod spectrum;
#[cfg(target_arch = "wasm32")]
pub mod spectrum_view;
#[cfg(target_arch = "wasm32")]
pub mod view;
