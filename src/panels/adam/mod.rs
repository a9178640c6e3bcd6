//! Concept 03, Adam and AdamW: the optimiser race on 2-D surfaces, Adam's internals, and coupled
//! against decoupled weight decay.

pub mod decay;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod race;
#[cfg(target_arch = "wasm32")]
pub mod view;
