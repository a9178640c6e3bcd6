//! The reference workloads the benchmarks time, defined once so that the native bench, the
//! in-browser bench and the TF.js peer run the same shapes. Each step is forward, backward and
//! optimizer step, and returns the loss for the caller to read back (the benches read it after
//! every step; panels read back once per slice of steps).
//!
//! - **W1 `spiral-mlp`**: a two-arm spiral (512 points, 2 classes), MLP 2→32→32→2 with ReLU, full
//!   batch, AdamW lr 1e-2, weight decay 1e-2.
//! - **W2 `grok-mlp`**: (a + b) mod 97, the first 40% of the shuffled pairs (3,764) as one batch, a
//!   shared 97×32 embedding, 64→128 ReLU→97, AdamW lr 1e-3, β = (0.9, 0.98), weight decay 1.
//! - **W3 `char-transformer`**: nanoGPT's CPU shakespeare-char shape (vocabulary 65, context 64,
//!   batch 12, 4 layers, 4 heads, d_model 128, MLP 512, GELU, pre-LayerNorm), Adam lr 1e-3, on
//!   *Moby-Dick* characters.

mod char_transformer;
mod grok_mlp;
mod spiral_mlp;

pub use spiral_mlp::spiral;

use burn::prelude::*;

/// Which workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkloadId {
    /// W1.
    SpiralMlp,
    /// W2.
    GrokMlp,
    /// W3.
    CharTransformer,
}

impl WorkloadId {
    /// All three, in order.
    pub const ALL: [WorkloadId; 3] = [WorkloadId::SpiralMlp, WorkloadId::GrokMlp, WorkloadId::CharTransformer];

    /// The name the benches and the peer use.
    pub fn key(self) -> &'static str {
        match self {
            WorkloadId::SpiralMlp => "spiral-mlp",
            WorkloadId::GrokMlp => "grok-mlp",
            WorkloadId::CharTransformer => "char-transformer",
        }
    }

    /// Inverse of [`WorkloadId::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.key() == key)
    }
}

/// A workload ready to step.
pub trait Workload {
    /// One training step; returns the loss, `[1]` (inner backend), not yet read back.
    fn step(&mut self) -> Tensor<1>;
}

/// Builds workload `id` on `device`, its data and weights fixed by `seed`.
pub fn build(id: WorkloadId, seed: u64, device: &Device) -> Box<dyn Workload> {
    match id {
        WorkloadId::SpiralMlp => Box::new(spiral_mlp::SpiralMlp::new(seed, device)),
        WorkloadId::GrokMlp => Box::new(grok_mlp::GrokMlp::new(seed, device)),
        WorkloadId::CharTransformer => Box::new(char_transformer::CharTransformer::new(seed, device)),
    }
}
