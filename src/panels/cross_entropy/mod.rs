//! Concept 01, cross-entropy loss: one prediction the reader edits, and a character language model
//! trained live on a public-domain text.

#[cfg(target_arch = "wasm32")]
pub mod bars;
pub mod experiment;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
#[cfg(target_arch = "wasm32")]
pub mod view;
