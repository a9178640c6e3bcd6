//! The one in-browser training engine. Plain Rust over Burn: nothing here imports leptos, web-sys or
//! plotters, so all of it compiles and is tested natively on the CPU backend.
//!
//! - [`backend`]: which device trains (WebGPU or CPU), as a pure policy plus device constructors.
//! - [`job`]: a training run ([`job::Experiment`]) with start/pause/step/reset, a step budget,
//!   batched readback and NaN detection.
//! - [`scheduler`]: steps every job fairly within a per-frame time budget.
//! - [`metrics`]: named scalar series streamed to the UI.
//! - [`spec`], [`protocol`], [`wire`], [`view`]: a job as a description, the messages between the
//!   page and a worker, how they cross a thread, and the view state that travels with them.
//! - [`host`] (where jobs train: a Web Worker, or the page as a fallback) and [`mirror`] (the page's
//!   copy of a job that trains elsewhere).
//! - [`clip`]: gradient clipping by the norm of all gradients, or by value.
//! - [`memory`]: bytes counted from the tensors held.
//! - [`choice`]: closed option sets with stable URL keys (data sets, activations, surfaces…).
//! - [`models`], [`data`], [`rng`]: the models, data sets and the seeded generator they share.

pub mod anchor;
pub mod backend;
pub mod choice;
pub mod clip;
pub mod data;
pub mod experiment;
pub mod group;
pub mod host;
pub mod job;
pub mod memory;
pub mod metrics;
pub mod mirror;
pub mod models;
pub mod protocol;
pub mod rng;
pub mod rounds;
pub mod schedule;
pub mod scheduler;
pub mod spec;
pub mod steppable;
pub mod surfaces;
pub mod view;
pub mod wire;
pub mod workloads;
pub mod xent;
