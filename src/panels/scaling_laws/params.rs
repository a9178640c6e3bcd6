//! Panel 12's state: how many sizes and budgets the grid has, the largest budget, the learning
//! rate, and the seed.

use super::grid::{lanes, runs, GridConfig, LANES};
use super::lane::LaneConfig;
use crate::engine::data::text::Corpus;
use crate::state::params::{Field, Int, Params, Real, Seed};

/// Panel 12's parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct ScalingParams {
    /// Model sizes (hidden widths 8, 16, 32, …).
    pub sizes: u64,
    /// Compute budgets, each a quarter of the one before.
    pub budgets: u64,
    /// The largest budget, log₁₀ FLOPs.
    pub flops: f64,
    /// Peak learning rate.
    pub lr: f64,
    /// Seed.
    pub seed: u64,
    /// The calculator's budget, log₁₀ FLOPs.
    pub calc: f64,
    /// Hidden controls and parts.
    pub hide: Vec<String>,
}

impl Default for ScalingParams {
    fn default() -> Self {
        Self { sizes: 6, budgets: 4, flops: 10.0, lr: 1e-2, seed: 1, calc: 23.0, hide: Vec::new() }
    }
}

/// Vocabulary of the shipped corpus (Moby-Dick's first ten chapters, lower-cased).
pub fn vocab() -> usize {
    thread_local! { static V: usize = Corpus::moby_dick().v(); }
    V.with(|v| *v)
}

impl ScalingParams {
    /// The grid.
    pub fn grid(&self) -> GridConfig {
        GridConfig {
            vocab: vocab(),
            sizes: self.sizes as usize,
            budgets: self.budgets as usize,
            log_flops: self.flops,
            lr: self.lr,
            seed: self.seed,
        }
    }

    /// The lanes' settings, one per lane (some may have no runs).
    pub fn lanes(&self) -> Vec<LaneConfig> {
        let g = self.grid();
        let mut dealt = lanes(&runs(&g));
        dealt.resize(LANES, Vec::new());
        dealt.into_iter().enumerate().map(|(index, runs)| LaneConfig { index, runs, lr: g.lr, seed: g.seed }).collect()
    }
}

type P = ScalingParams;

/// Sizes.
pub const SIZES: Int<P> = Int::<P>::new("sizes", "Model sizes", (3, 8), |p| p.sizes, |p, v| p.sizes = v);
/// Budgets.
pub const BUDGETS: Int<P> = Int::<P>::new("budgets", "Compute budgets", (1, 4), |p| p.budgets, |p, v| p.budgets = v);
/// Largest budget.
pub const FLOPS: Real<P> =
    Real::<P>::new("flops", "Largest budget (log₁₀ FLOPs)", (7.0, 10.5), |p| p.flops, |p, v| p.flops = v).step(0.1);
/// Learning rate.
pub const LR: Real<P> = Real::<P>::new("lr", "Peak learning rate", (1e-4, 0.3), |p| p.lr, |p, v| p.lr = v).log();
/// The calculator's budget.
pub const CALC: Real<P> =
    Real::<P>::new("calc", "Compute budget (log₁₀ FLOPs)", (6.0, 27.0), |p| p.calc, |p, v| p.calc = v).step(0.1);
/// Seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };

impl Params for ScalingParams {
    const FIELDS: &'static [&'static dyn Field<Self>] = &[&SIZES, &BUDGETS, &FLOPS, &LR, &SEED, &CALC];
    const PARTS: &'static [&'static str] = &["curves", "isoflop", "fit", "calculator"];
    crate::hide_field!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::{Query, UrlParams};

    #[test]
    fn round_trip_and_bad_values() {
        let p = ScalingParams { sizes: 4, flops: 8.5, ..Default::default() };
        let mut notes = Vec::new();
        assert_eq!(ScalingParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let p = ScalingParams::from_query(&Query::parse("sizes=99&flops=NaN&lr=-1"), &mut notes);
        assert_eq!((p.sizes, p.flops), (8, 10.0));
        assert_eq!(notes.len(), 3, "{notes:?}");
        let lanes = p.lanes();
        assert_eq!(lanes.len(), 4);
        assert_eq!(lanes.iter().map(|l| l.runs.len()).sum::<usize>(), 8 * 4);
    }
}
