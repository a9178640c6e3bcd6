//! Learning-rate schedules as pure functions of the step, and the same schedules built from Burn's
//! own LR schedulers, which the training runs use. Tests check that the two agree at every step.
//!
//! `t` counts optimiser steps from 0; `P` is the peak LR, `W` warmup steps, `T` total steps,
//! `m = min_ratio · P` the floor.
//!
//! | schedule | lr(t) | Burn scheduler |
//! | --- | --- | --- |
//! | constant | P | `ConstantLr` |
//! | step | P · γ^⌊t / s⌋, s = ⌈T/3⌉, γ = 0.3 | `StepLrScheduler` |
//! | linear decay | P + (m − P) · min(t, T−1)/(T−1) | `LinearLrScheduler` |
//! | cosine | m + ½(P − m)(1 + cos(π t / T)) | `CosineAnnealingLrScheduler` (SGDR, Loshchilov & Hutter 2017) |
//! | warmup + cosine | P(t+1)/W for t < W, then cosine from P to m over T − W | `SequentialLrScheduler`(linear, cosine) |
//! | inverse square root | P · min(√W/√(t+1), (t+1)/W) | `NoamLrScheduler` (Vaswani et al. 2017, §5.3) |
//! | WSD | warmup as above; P until T − D; then linear to m over D = ⌈T/5⌉ | `SequentialLrScheduler`(linear, constant, linear) |
//!
//! WSD (warmup–stable–decay) follows Hägele et al. 2024, "Scaling Laws and Compute-Optimal Training
//! Beyond Fixed Training Durations", which found a short linear cooldown of ~20 % of training
//! matches cosine. Burn has no WSD scheduler, so it is composed here from Burn's pieces.

use crate::engine::choice::Choice;
use burn::lr_scheduler::constant::ConstantLr;
use burn::lr_scheduler::cosine::CosineAnnealingLrSchedulerConfig;
use burn::lr_scheduler::linear::LinearLrSchedulerConfig;
use burn::lr_scheduler::module_lr_scheduler::ModuleLrScheduler;
use burn::lr_scheduler::noam::NoamLrSchedulerConfig;
use burn::lr_scheduler::sequential::SequentialLrSchedulerConfig;
use burn::lr_scheduler::step::StepLrSchedulerConfig;
use burn::lr_scheduler::LrSchedulerConfig;
use std::f64::consts::PI;

/// The schedule families the editor offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Flat at the peak.
    Constant,
    /// Multiply by γ every third of the run.
    Step,
    /// Straight line from the peak to the floor.
    Linear,
    /// Half a cosine from the peak to the floor.
    Cosine,
    /// Linear warmup, then cosine.
    WarmupCosine,
    /// Linear warmup, then ∝ 1/√t (the Transformer's "Noam" schedule).
    InvSqrt,
    /// Warmup, stable at the peak, then a short linear decay.
    Wsd,
}

impl Choice for Kind {
    const ALL: &'static [Self] =
        &[Kind::Constant, Kind::Step, Kind::Linear, Kind::Cosine, Kind::WarmupCosine, Kind::InvSqrt, Kind::Wsd];

    fn key(self) -> &'static str {
        match self {
            Kind::Constant => "constant",
            Kind::Step => "step",
            Kind::Linear => "linear",
            Kind::Cosine => "cosine",
            Kind::WarmupCosine => "warmup_cosine",
            Kind::InvSqrt => "inv_sqrt",
            Kind::Wsd => "wsd",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Constant => "constant",
            Kind::Step => "step decay",
            Kind::Linear => "linear decay",
            Kind::Cosine => "cosine",
            Kind::WarmupCosine => "warmup + cosine",
            Kind::InvSqrt => "inverse square root (Noam)",
            Kind::Wsd => "warmup–stable–decay (WSD)",
        }
    }
}

/// Step decay factor γ.
pub const STEP_GAMMA: f64 = 0.3;
/// WSD's decay share of the run (Hägele et al. 2024 use 20 %).
pub const WSD_DECAY_SHARE: f64 = 0.2;

/// A fully specified schedule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Schedule {
    /// Family.
    pub kind: Kind,
    /// Peak learning rate P, in (0, 1].
    pub peak: f64,
    /// Warmup steps W (used by the warmup kinds and inverse square root), at least 2.
    pub warmup: usize,
    /// Total steps T, greater than `warmup` + 1.
    pub total: usize,
    /// Floor as a fraction of the peak, in [0, 1].
    pub min_ratio: f64,
}

impl Schedule {
    fn floor(&self) -> f64 {
        self.peak * self.min_ratio
    }
    fn step_size(&self) -> usize {
        self.total.div_ceil(3).max(1)
    }
    fn decay_steps(&self) -> usize {
        ((self.total as f64 * WSD_DECAY_SHARE).ceil() as usize).clamp(1, self.total - self.warmup - 1)
    }
    fn warmup_lr(&self, t: usize) -> f64 {
        self.peak * (t + 1) as f64 / self.warmup as f64
    }

    /// lr(t), straight from the formulas in the module docs.
    pub fn lr(&self, t: usize) -> f64 {
        let (p, m, w, n) = (self.peak, self.floor(), self.warmup, self.total);
        match self.kind {
            Kind::Constant => p,
            Kind::Step => p * STEP_GAMMA.powi((t / self.step_size()) as i32),
            Kind::Linear => p + (m - p) * t.min(n - 1) as f64 / (n - 1) as f64,
            Kind::Cosine => m + 0.5 * (p - m) * (1.0 + (PI * t as f64 / n as f64).cos()),
            Kind::WarmupCosine if t < w => self.warmup_lr(t),
            Kind::WarmupCosine => m + 0.5 * (p - m) * (1.0 + (PI * (t - w) as f64 / (n - w) as f64).cos()),
            Kind::InvSqrt => {
                let s = (t + 1) as f64;
                p * ((w as f64).sqrt() / s.sqrt()).min(s / w as f64)
            }
            Kind::Wsd if t < w => self.warmup_lr(t),
            Kind::Wsd => {
                let d = self.decay_steps();
                let start = n - d;
                if t < start {
                    p
                } else {
                    p + (m - p) * (t - start).min(d) as f64 / d as f64
                }
            }
        }
    }

    /// The schedule as Burn's scheduler, which the optimiser step reads each step.
    ///
    /// # Errors
    /// When the numbers are outside what Burn's schedulers accept (peak > 1, T ≤ W + 1, …).
    pub fn burn(&self) -> Result<ModuleLrScheduler, String> {
        let (p, m, w, n) = (self.peak, self.floor(), self.warmup, self.total);
        let valid = p > 0.0 && p <= 1.0 && (0.0..=1.0).contains(&self.min_ratio) && w >= 2 && n >= w + 2;
        if !valid {
            return Err(format!("unsupported schedule {self:?}"));
        }
        let warm = LrSchedulerConfig::Linear(LinearLrSchedulerConfig::new(p / w as f64, p, w - 1));
        match self.kind {
            Kind::Constant => Ok(ConstantLr::from(p).into()),
            Kind::Step => StepLrSchedulerConfig::new(p, self.step_size()).with_gamma(STEP_GAMMA).init(),
            Kind::Linear => LinearLrSchedulerConfig::new(p, m, n - 1).init(),
            Kind::Cosine => CosineAnnealingLrSchedulerConfig::new(p, n).with_min_lr(m).init(),
            Kind::WarmupCosine => {
                let cos = LrSchedulerConfig::Cosine(CosineAnnealingLrSchedulerConfig::new(p, n - w).with_min_lr(m));
                SequentialLrSchedulerConfig::new(vec![warm, cos], vec![w]).init()
            }
            // Noam: factor · d^(-1/2) · min(s^(-1/2), s · W^(-3/2)); choose factor·d^(-1/2) = P·√W.
            Kind::InvSqrt => {
                NoamLrSchedulerConfig::new(p * (w as f64).sqrt()).with_warmup_steps(w).with_model_size(1).init()
            }
            Kind::Wsd => {
                let d = self.decay_steps();
                let decay = LrSchedulerConfig::Linear(LinearLrSchedulerConfig::new(p, m, d));
                SequentialLrSchedulerConfig::new(vec![warm, LrSchedulerConfig::Constant(p), decay], vec![w, n - d])
                    .init()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: Kind) -> Schedule {
        Schedule { kind, peak: 0.1, warmup: 10, total: 100, min_ratio: 0.1 }
    }

    #[test]
    fn burn_schedulers_follow_the_formulas_at_every_step() {
        for &kind in Kind::ALL {
            let s = spec(kind);
            let mut burn = s.burn().unwrap();
            for t in 0..s.total {
                let got = burn.step().base();
                assert!((got - s.lr(t)).abs() < 1e-12, "{kind:?} t={t}: burn {got}, formula {}", s.lr(t));
            }
        }
    }

    #[test]
    fn formulas_match_hand_computed_values() {
        // P = 0.1, W = 10, T = 100, m = 0.01.
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert!(close(spec(Kind::Step).lr(33), 0.1) && close(spec(Kind::Step).lr(34), 0.03));
        assert!(close(spec(Kind::Linear).lr(99), 0.01));
        assert!(close(spec(Kind::Cosine).lr(50), 0.055));
        assert!(close(spec(Kind::WarmupCosine).lr(0), 0.01) && close(spec(Kind::WarmupCosine).lr(9), 0.1));
        assert!(close(spec(Kind::WarmupCosine).lr(55), 0.055));
        assert!(close(spec(Kind::InvSqrt).lr(9), 0.1) && close(spec(Kind::InvSqrt).lr(39), 0.05));
        // WSD: stable at P until step 80, then linear to m over 20 steps.
        let wsd = spec(Kind::Wsd);
        assert!(close(wsd.lr(4), 0.05) && close(wsd.lr(79), 0.1));
        assert!(close(wsd.lr(90), 0.055) && close(wsd.lr(99), 0.1 - 0.09 * 19.0 / 20.0));
    }

    #[test]
    fn bad_specs_are_errors_not_panics() {
        assert!(Schedule { peak: 2.0, ..spec(Kind::Cosine) }.burn().is_err());
        assert!(Schedule { total: 11, ..spec(Kind::Wsd) }.burn().is_err());
    }
}
