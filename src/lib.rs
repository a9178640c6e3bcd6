//! Trainlab: Training Fundamentals, interactive. Each concept of LLM training is a panel that trains
//! a real, small Burn model in the reader's browser.
//!
//! The map, bottom up:
//! - [`engine`]: the one training engine (backend choice, jobs, scheduler, metrics, models, data).
//!   Plain Rust over Burn; never imports the UI; tested natively.
//! - [`state`]: URL query ⇄ typed panel parameters (native); browser hooks (wasm only).
//! - [`panels`]: the registry of all 17 concepts; per concept its params, experiment and view.
//! - `components` (wasm): charts on plotters-canvas, controls, the panel frame, the backend badge.
//! - `app` (wasm): router, layout, gallery, not-found page, the engine's browser runtime and
//!   `window.trainlab`.
//! - [`formula`]: LaTeX → MathML, rendered without JavaScript.

pub mod engine;
pub mod formula;
pub mod panels;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
