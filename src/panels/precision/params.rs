//! Panel 06's state: the number drawn bit by bit, the loss scale the gradient histogram is shown
//! at, and the recipes' learning rate, gradient size, scaler settings, steps and seed.

use super::recipe::{PrecisionConfig, Recipe};
use crate::state::params::{Custom, Field, Int, Params, Real, Seed};

/// Panel 06's parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct PrecisionParams {
    /// The number the formats are shown for.
    pub x: f64,
    /// The histogram is also drawn multiplied by 2^shift.
    pub shift: i32,
    /// Adam's learning rate.
    pub lr: f64,
    /// Every loss is multiplied by 2^−shrink.
    pub shrink: i32,
    /// The scaler's first scale is 2^init_scale.
    pub init_scale: i32,
    /// Clean steps before the scaler doubles.
    pub growth_interval: u32,
    /// Steps of every recipe.
    pub steps: u64,
    /// Seed of the weights and the batches.
    pub seed: u64,
    /// Hidden controls and parts.
    pub hide: Vec<String>,
}

/// The largest magnitude the typed number may have: far beyond fp16's range (where overflow is the
/// lesson), inside fp32's and bf16's.
pub const X_LIMIT: f64 = 1e20;

impl Default for PrecisionParams {
    fn default() -> Self {
        // Chosen by measuring (examples/precision_sweep.rs; tests/precision_panel.rs asserts the
        // lesson here), 2026-12-03, seeds 1–2, held-out loss averaged over the last 50 of 800
        // steps, Adam at 2·10⁻³ decaying along a cosine to 2·10⁻⁴: fp32 2.05–2.16; fp16 unscaled
        // 0.50–0.58 higher (51–52% of the fp32 run's nonzero gradients are below fp16's range);
        // fp16 with the scaler within 0.002 of fp32 after 14 skipped steps (the scale saws between
        // 2³¹ and 2³² from step ~400); bf16 with master weights within 0.0003; pure bf16 0.09–0.10
        // higher, with 94–95% of its weights unchanged by the last step. Without the decay, at a
        // constant 10⁻³, pure bf16 kept improving (0.11 over the second half, against 0.15).
        Self {
            x: 0.1,
            shift: 16,
            lr: 2e-3,
            shrink: 12,
            init_scale: 16,
            growth_interval: 25,
            steps: 800,
            seed: 1,
            hide: Vec::new(),
        }
    }
}

impl PrecisionParams {
    /// The settings of `recipe`'s run; the scaler's only reach the run that has one, so that
    /// changing them restarts that run alone.
    pub fn config(&self, recipe: Recipe) -> PrecisionConfig {
        let scaled = recipe == Recipe::Fp16Scaled;
        PrecisionConfig {
            lr: self.lr,
            steps: self.steps,
            shrink: self.shrink,
            init_scale: if scaled { self.init_scale } else { 0 },
            growth_interval: if scaled { self.growth_interval } else { 1 },
            seed: self.seed,
        }
    }
}

type P = PrecisionParams;

fn read_x(p: &mut P, raw: &str, notes: &mut Vec<String>) {
    if raw.is_empty() {
        return;
    }
    match raw.trim().parse::<f64>() {
        Ok(v) if v.is_nan() => notes.push(format!("x={raw} is not a number; using {}.", p.x)),
        Ok(v) => {
            let c = v.clamp(-X_LIMIT, X_LIMIT);
            if c != v {
                notes.push(format!("x={raw} is outside ±{X_LIMIT:e}; using {c:e}."));
            }
            p.x = c;
        }
        Err(_) => notes.push(format!("x={raw} is not a number; using {}.", p.x)),
    }
}

/// The number drawn bit by bit (typed into the panel's own box).
pub const X: Custom<P> = Custom { key: "x", read: read_x, write: |p| Some(p.x.to_string()) };
/// The histogram's extra scale.
pub const SHIFT: Int<P> = Int::<P>::new(
    "shift",
    "Loss scale for the histogram: 2^k, k =",
    (0, 40),
    |p| p.shift as u64,
    |p, v| p.shift = v as i32,
);
/// Adam's learning rate.
pub const LR: Real<P> = Real::<P>::new("lr", "Learning rate (Adam)", (1e-4, 0.1), |p| p.lr, |p, v| p.lr = v).log();
/// The gradient size.
pub const SHRINK: Int<P> = Int::<P>::new(
    "shrink",
    "Gradient size: loss × 2^−s, s =",
    (0, 24),
    |p| p.shrink as u64,
    |p, v| p.shrink = v as i32,
);
/// The scaler's first scale.
pub const INIT_SCALE: Int<P> = Int::<P>::new(
    "init_scale",
    "Scaler's first scale: 2^k, k =",
    (0, 40),
    |p| p.init_scale as u64,
    |p, v| p.init_scale = v as i32,
);
/// Clean steps before the scale doubles.
pub const GROWTH: Int<P> = Int::<P>::new(
    "growth",
    "Clean steps before the scale doubles",
    (1, 2_000),
    |p| u64::from(p.growth_interval),
    |p, v| p.growth_interval = v as u32,
)
.log();
/// Steps of every run.
pub const STEPS: Int<P> = Int::<P>::new("steps", "Steps", (10, 5_000), |p| p.steps, |p, v| p.steps = v).step(10);
/// The seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };

impl Params for PrecisionParams {
    const FIELDS: &'static [&'static dyn Field<Self>] =
        &[&X, &SHIFT, &LR, &SHRINK, &INIT_SCALE, &GROWTH, &STEPS, &SEED];
    const PARTS: &'static [&'static str] = &["fp32", "fp16", "fp16_scaled", "bf16", "bf16_pure"];
    crate::hide_field!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::{Query, UrlParams};

    #[test]
    fn round_trip_and_clamping() {
        let p = PrecisionParams { x: -65520.0, shrink: 3, growth_interval: 7, ..Default::default() };
        let mut notes = Vec::new();
        assert_eq!(PrecisionParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let p = PrecisionParams::from_query(&Query::parse("x=nan&shrink=99&growth=0&lr=inf"), &mut notes);
        assert_eq!((p.x, p.shrink, p.growth_interval), (0.1, 24, 1));
        assert_eq!(notes.len(), 4, "{notes:?}");
        let p = PrecisionParams::from_query(&Query::parse("x=1e300"), &mut notes);
        assert_eq!(p.x, X_LIMIT);
    }
}
