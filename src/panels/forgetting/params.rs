//! Panel 16's state: each pair's phase lengths, learning rate and penalty strengths, what the
//! methods share (replay's share, the lower learning rate's factor, the λ sweep), and the seed.

use super::run::Settings;
use crate::state::params::{Field, Flag, Int, Params, Real, Seed};

/// Everything panel 16 keeps in the URL.
#[derive(Clone, Debug, PartialEq)]
pub struct ForgetParams {
    /// The visual pair's phase A and phase B steps.
    pub steps_a: u64,
    /// See `steps_a`.
    pub steps_b: u64,
    /// The visual pair's learning rate.
    pub lr: f64,
    /// The visual pair's EWC λ.
    pub lambda: f64,
    /// The visual pair's L2 λ.
    pub l2: f64,
    /// The language pair's phase A and phase B steps.
    pub text_a: u64,
    /// See `text_a`.
    pub text_b: u64,
    /// The language pair's learning rate.
    pub text_lr: f64,
    /// The language pair's EWC λ.
    pub text_lambda: f64,
    /// The language pair's L2 λ.
    pub text_l2: f64,
    /// Replay's share of A in each batch (both pairs).
    pub replay: f64,
    /// The lower learning rate's factor (both pairs).
    pub low_lr: f64,
    /// Whether EWC also runs at λ/100, λ/10 and 10λ.
    pub sweep: bool,
    /// Seed.
    pub seed: u64,
    /// Controls and views hidden in an embed.
    pub hide: Vec<String>,
}

impl Default for ForgetParams {
    /// Measured defaults (see the closing note of issue 20).
    fn default() -> Self {
        Self {
            steps_a: 300,
            steps_b: 300,
            lr: 0.01,
            lambda: 1e5,
            l2: 1.0,
            text_a: 1500,
            text_b: 400,
            text_lr: 0.01,
            text_lambda: 100.0,
            text_l2: 0.1,
            replay: 0.25,
            low_lr: 0.1,
            sweep: true,
            seed: 1,
            hide: Vec::new(),
        }
    }
}

impl ForgetParams {
    fn settings(&self, steps: (u64, u64), lr: f64, ewc: f64, l2: f64) -> Settings {
        Settings {
            steps,
            lr,
            replay: self.replay,
            ewc,
            l2,
            low_lr: self.low_lr,
            every: steps.1.div_ceil(30).max(1),
            sweep: self.sweep,
            seed: self.seed,
        }
    }
    /// The visual pair's run.
    pub fn visual(&self) -> Settings {
        self.settings((self.steps_a, self.steps_b), self.lr, self.lambda, self.l2)
    }
    /// The language pair's run.
    pub fn language(&self) -> Settings {
        self.settings((self.text_a, self.text_b), self.text_lr, self.text_lambda, self.text_l2)
    }
}

type P = ForgetParams;

/// Phase A's steps (visual pair).
pub const STEPS_A: Int<P> =
    Int::<P>::new("steps_a", "Steps on task A", (10, 5000), |p| p.steps_a, |p, v| p.steps_a = v).log();
/// Phase B's steps (visual pair).
pub const STEPS_B: Int<P> =
    Int::<P>::new("steps_b", "Steps on task B", (10, 5000), |p| p.steps_b, |p, v| p.steps_b = v).log();
/// Learning rate (visual pair).
pub const LR: Real<P> = Real::<P>::new("lr", "Learning rate", (1e-4, 0.3), |p| p.lr, |p, v| p.lr = v).log();
/// EWC's λ (visual pair).
pub const LAMBDA: Real<P> =
    Real::<P>::new("lambda", "EWC strength λ", (1.0, 1e8), |p| p.lambda, |p, v| p.lambda = v).log();
/// L2's λ (visual pair).
pub const L2: Real<P> = Real::<P>::new("l2", "L2 strength λ", (1e-4, 100.0), |p| p.l2, |p, v| p.l2 = v).log();
/// Phase A's steps (language pair).
pub const TEXT_A: Int<P> =
    Int::<P>::new("text_a", "Steps on Moby-Dick", (10, 5000), |p| p.text_a, |p, v| p.text_a = v).log();
/// Phase B's steps (language pair).
pub const TEXT_B: Int<P> =
    Int::<P>::new("text_b", "Steps on the addresses", (10, 5000), |p| p.text_b, |p, v| p.text_b = v).log();
/// Learning rate (language pair).
pub const TEXT_LR: Real<P> =
    Real::<P>::new("text_lr", "Learning rate", (1e-4, 0.1), |p| p.text_lr, |p, v| p.text_lr = v).log();
/// EWC's λ (language pair).
pub const TEXT_LAMBDA: Real<P> =
    Real::<P>::new("text_lambda", "EWC strength λ", (0.1, 1e6), |p| p.text_lambda, |p, v| p.text_lambda = v).log();
/// L2's λ (language pair).
pub const TEXT_L2: Real<P> =
    Real::<P>::new("text_l2", "L2 strength λ", (1e-4, 100.0), |p| p.text_l2, |p, v| p.text_l2 = v).log();
/// Replay's share.
pub const REPLAY: Real<P> =
    Real::<P>::new("replay", "Replay: share of each batch from task A", (0.0, 0.9), |p| p.replay, |p, v| p.replay = v)
        .step(0.05);
/// The lower learning rate's factor.
pub const LOW_LR: Real<P> =
    Real::<P>::new("low_lr", "Lower learning rate: factor", (0.001, 1.0), |p| p.low_lr, |p, v| p.low_lr = v).log();
/// The λ sweep.
pub const SWEEP: Flag<P> =
    Flag { key: "sweep", label: "Also run EWC at λ/100, λ/10 and 10λ", get: |p| p.sweep, set: |p, v| p.sweep = v };
/// The seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };

impl Params for ForgetParams {
    const FIELDS: &'static [&'static dyn Field<Self>] = &[
        &STEPS_A,
        &STEPS_B,
        &LR,
        &LAMBDA,
        &L2,
        &TEXT_A,
        &TEXT_B,
        &TEXT_LR,
        &TEXT_LAMBDA,
        &TEXT_L2,
        &REPLAY,
        &LOW_LR,
        &SWEEP,
        &SEED,
    ];
    const PARTS: &'static [&'static str] = &["visual", "language", "fisher", "scatter"];
    crate::hide_field!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::{Query, UrlParams};

    #[test]
    fn round_trip_and_bad_values() {
        let p = ForgetParams { replay: 0.5, lambda: 300.0, sweep: false, ..Default::default() };
        let mut notes = Vec::new();
        assert_eq!(ForgetParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let q = Query::parse("replay=7&lambda=NaN&steps_a=0&text_lr=-1");
        let p = ForgetParams::from_query(&q, &mut notes);
        assert_eq!((p.replay, p.lambda, p.steps_a, p.text_lr), (0.9, 1e5, STEPS_A.min, TEXT_LR.min));
        assert_eq!(notes.len(), 4, "{notes:?}");
    }
}
