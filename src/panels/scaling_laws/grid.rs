//! Panel 12's grid of runs: model sizes (one hidden width each, so parameter counts N grow about
//! twofold per size) crossed with compute budgets C; each run trains for D = C / (6·N) tokens
//! (Kaplan et al. 2020, §2.1: about 6 FLOPs per parameter per token, forward and backward). The
//! runs are dealt to a few lanes, cheapest first, so that results arrive early and every worker
//! has about the same work.

use crate::engine::models::char_mlp::CharMlpShape;

/// Characters of context.
pub const CONTEXT: usize = 8;
/// Embedding width, the same at every size.
pub const EMBED: usize = 8;
/// Windows (predicted characters, "tokens") per step.
pub const BATCH: usize = 64;
/// Hidden width of the smallest model; each next size doubles it.
pub const MIN_WIDTH: usize = 4;
/// Lanes the runs are dealt to: one job each, placed by the pool on its workers.
pub const LANES: usize = 4;
/// Each budget is this many times the next smaller one.
pub const BUDGET_RATIO: f64 = 4.0;
/// No run trains for fewer steps.
pub const MIN_STEPS: u64 = 20;

/// One run of the grid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunSpec {
    /// The model.
    pub shape: CharMlpShape,
    /// Its parameter count N.
    pub params: u64,
    /// Which budget (0 is the largest).
    pub budget: usize,
    /// Training steps.
    pub steps: u64,
}

impl RunSpec {
    /// Tokens trained on, D.
    pub fn tokens(&self) -> u64 {
        self.steps * BATCH as u64
    }
    /// Training compute C ≈ 6·N·D, in FLOPs (a formula, not a measurement).
    pub fn flops(&self) -> f64 {
        6.0 * self.params as f64 * self.tokens() as f64
    }
    /// The run's name in series: `n<N>_d<D>`.
    pub fn key(&self) -> String {
        format!("n{}_d{}", self.params, self.tokens())
    }
}

/// The grid's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct GridConfig {
    /// Vocabulary size of the corpus.
    pub vocab: usize,
    /// Model sizes.
    pub sizes: usize,
    /// Compute budgets.
    pub budgets: usize,
    /// The largest budget, log₁₀ FLOPs.
    pub log_flops: f64,
    /// Peak learning rate.
    pub lr: f64,
    /// Seed (weights and batches).
    pub seed: u64,
}

/// The shape of size `i` (0 is the smallest).
pub fn shape(vocab: usize, i: usize) -> CharMlpShape {
    CharMlpShape { vocab, context: CONTEXT, embed: EMBED, hidden: MIN_WIDTH << i.min(12) }
}

/// Parameters of a [`CharMlp`](crate::engine::models::char_mlp::CharMlp): embeddings V·d, the
/// hidden layer (C·d + 1)·h, the output layer (h + 1)·V.
pub fn params(s: CharMlpShape) -> u64 {
    (s.vocab * s.embed + (s.context * s.embed + 1) * s.hidden + (s.hidden + 1) * s.vocab) as u64
}

/// Every run: each size at each budget, budgets largest first.
pub fn runs(cfg: &GridConfig) -> Vec<RunSpec> {
    let mut out = Vec::new();
    for budget in 0..cfg.budgets {
        let c = 10f64.powf(cfg.log_flops) / BUDGET_RATIO.powi(budget as i32);
        for i in 0..cfg.sizes {
            let shape = shape(cfg.vocab, i);
            let params = params(shape);
            let steps = ((c / (6.0 * params as f64 * BATCH as f64)).round() as u64).max(MIN_STEPS);
            out.push(RunSpec { shape, params, budget, steps });
        }
    }
    out
}

/// Relative wall time of a run: a fixed cost per step (dispatch, allocation) plus one that grows
/// with the parameters (a rough model, used only to balance the lanes).
pub fn cost(r: &RunSpec) -> f64 {
    r.steps as f64 * (4_000.0 + r.params as f64)
}

/// The runs of each of the [`LANES`] lanes, cheapest first. Runs are dealt dearest first, each to
/// the lane with the least work so far (Graham's longest-processing-time rule, within 4/3 of the
/// best possible longest lane), then each lane is turned round so that results arrive early.
pub fn lanes(runs: &[RunSpec]) -> Vec<Vec<RunSpec>> {
    let mut sorted = runs.to_vec();
    sorted.sort_by(|a, b| cost(b).total_cmp(&cost(a)));
    let mut lanes = vec![Vec::new(); LANES];
    let mut load = [0.0f64; LANES];
    for r in sorted {
        let i = (0..LANES).min_by(|&a, &b| load[a].total_cmp(&load[b])).unwrap_or(0);
        load[i] += cost(&r);
        lanes[i].push(r);
    }
    lanes.iter_mut().for_each(|l| l.reverse());
    lanes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> GridConfig {
        GridConfig { vocab: 39, sizes: 6, budgets: 3, log_flops: 9.5, lr: 3e-3, seed: 1 }
    }

    #[test]
    fn params_count_every_weight() {
        // V = 39, d = 8, C = 8, h = 4: 312 + 65·4 + 5·39 = 312 + 260 + 195.
        assert_eq!(params(shape(39, 0)), 767);
        assert_eq!(params(shape(39, 1)), 1_183);
        let n: Vec<u64> = (0..6).map(|i| params(shape(39, i))).collect();
        assert!(n[5] as f64 / n[0] as f64 > 10.0, "{n:?}");
    }

    #[test]
    fn runs_spend_their_budget_and_lanes_share_them() {
        let runs = runs(&cfg());
        assert_eq!(runs.len(), 18);
        for r in runs.iter().filter(|r| r.steps > MIN_STEPS) {
            let c = 10f64.powf(9.5) / 4f64.powi(r.budget as i32);
            assert!((r.flops() / c - 1.0).abs() < 0.05, "{r:?}: {} vs {c}", r.flops());
        }
        let lanes = lanes(&runs);
        assert_eq!(lanes.iter().map(Vec::len).sum::<usize>(), 18);
        let loads: Vec<f64> = lanes.iter().map(|l| l.iter().map(cost).sum()).collect();
        let (lo, hi) = loads.iter().fold((f64::MAX, 0.0f64), |(a, b), &x| (a.min(x), b.max(x)));
        assert!(hi / lo < 1.5, "{loads:?}");
        assert!(lanes.iter().all(|l| l.windows(2).all(|w| cost(&w[0]) <= cost(&w[1]))));
    }
}
