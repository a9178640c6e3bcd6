//! Trainlab: Training Fundamentals, interactive. Each concept of LLM training is a panel that trains
//! a real, small Burn model in the reader's browser.
//!
//! The map, bottom up:
//! - [`engine`]: the one training engine (backend choice, jobs, scheduler, metrics, models, data).
//!   Plain Rust over Burn; never imports the UI; tested natively.
//! - [`formula`]: LaTeX → MathML, rendered without JavaScript.
//! - [`plot`]: chart arithmetic (log-axis ticks, the palette and its contrast checks); native.
//! - [`state`]: URL query ⇄ typed panel parameters (native); the location and visibility (wasm).
//! - `runtime` (wasm): the chosen backend and device, the one scheduler and its frame loop, and
//!   what each shown panel exposes to `window.trainlab`.
//! - `components` (wasm): charts on plotters-canvas, controls, the panel frame, the backend badge.
//! - [`kit`]: the panel descriptor every panel exports; (wasm) the hooks that connect a panel's
//!   jobs to the runtime.
//! - [`panels`]: the registry of all 17 concepts; per concept its params, runs, experiment and view.
//! - `app` (wasm): router, layout, gallery, not-found page, start-up and `window.trainlab`.
//!
//! Each module imports only from those listed above it (`tests/layers.rs` checks this).

pub mod engine;
pub mod formula;
pub mod kit;
pub mod panels;
pub mod plot;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod runtime;
