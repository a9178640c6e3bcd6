//! Concept 04, learning-rate schedules: two runs of the same model under two schedules.

pub mod experiment;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
#[cfg(target_arch = "wasm32")]
pub mod view;
