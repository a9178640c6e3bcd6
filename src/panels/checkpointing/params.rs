//! Panel 07's state: depth, width, the checkpoint spacing k, steps and seed.

use super::run::CheckpointConfig;
use crate::state::params::{Field, Int, Params, Seed};

/// Panel 07's parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckpointParams {
    /// Hidden layers n.
    pub layers: usize,
    /// Width of each hidden layer.
    pub width: usize,
    /// The spacing k of the every-k-th strategy.
    pub k: usize,
    /// Training steps.
    pub steps: u64,
    /// Seed of the data and the weights.
    pub seed: u64,
    /// Hidden controls.
    pub hide: Vec<String>,
}

impl Default for CheckpointParams {
    fn default() -> Self {
        // 16 layers of 64: √n = 4 exactly, and the activations (64 KiB a layer at 256 points)
        // dwarf the input (2 KiB), so the peaks read as multiples of one layer's. Each step runs
        // about 7 forward-and-backward passes' worth of layers (recomputing everything alone is
        // n(n − 1)/2 = 120 extra layer forwards), so the run is short.
        Self { layers: 16, width: 64, k: 2, steps: 100, seed: 1, hide: Vec::new() }
    }
}

impl CheckpointParams {
    /// The run's settings (k is capped at n).
    pub fn config(&self) -> CheckpointConfig {
        CheckpointConfig { layers: self.layers, width: self.width, k: self.k.min(self.layers), seed: self.seed }
    }
}

type P = CheckpointParams;

/// Depth.
pub const LAYERS: Int<P> =
    Int::<P>::new("n", "Hidden layers n", (2, 32), |p| p.layers as u64, |p, v| p.layers = v as usize);
/// Width.
pub const WIDTH: Int<P> =
    Int::<P>::new("width", "Width of each layer", (8, 256), |p| p.width as u64, |p, v| p.width = v as usize).log();
/// Spacing.
pub const K: Int<P> =
    Int::<P>::new("k", "Checkpoint every k-th layer, k =", (1, 32), |p| p.k as u64, |p, v| p.k = v as usize);
/// Steps.
pub const STEPS: Int<P> = Int::<P>::new("steps", "Steps", (10, 2_000), |p| p.steps, |p, v| p.steps = v).step(10);
/// The seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };

impl Params for CheckpointParams {
    const FIELDS: &'static [&'static dyn Field<Self>] = &[&LAYERS, &WIDTH, &K, &STEPS, &SEED];
    crate::hide_field!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::{Query, UrlParams};

    #[test]
    fn round_trip_and_clamping() {
        let p = CheckpointParams { layers: 9, k: 3, ..Default::default() };
        let mut notes = Vec::new();
        assert_eq!(CheckpointParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let p = CheckpointParams::from_query(&Query::parse("n=1000&k=0&width=x"), &mut notes);
        assert_eq!((p.layers, p.k, p.width), (32, 1, 64));
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert_eq!(CheckpointParams { k: 40, layers: 8, ..Default::default() }.config().k, 8);
    }
}
