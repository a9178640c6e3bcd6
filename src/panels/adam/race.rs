//! Panel 03's optimiser race (engine side): SGD, SGD with momentum, RMSprop, Adam and AdamW, each
//! Burn's own optimiser moving its own copy of a two-parameter [`Point`] on the same [`Surface`]
//! from the same start.
//!
//! Per step it records, for each optimiser `o`: `loss_o` (at θ before the step), `x_o` and `y_o`
//! (θ after it) and `alive_o` (1 until the racer leaves the arena). A racer whose θ becomes NaN or
//! leaves `|θ| ≤ ARENA` is frozen where it last was and marked dead, on the device, so one
//! diverging optimiser never stops the others and no NaN reaches the metrics.
//!
//! It also shadows Adam's first coordinate (see [`Internals`]): the gradient Adam saw, its moments
//! m and v with and without bias correction, and the size of the step Adam actually took, |Δx|/η
//! (`adam_step`), beside the size it would take without bias correction, |m|/(√v + ε)
//! (`adam_step_raw`).

use crate::engine::job::{Experiment, StepOutput};
use crate::engine::surfaces::{Point, Surface};
use burn::optim::momentum::MomentumConfig;
use burn::optim::{AdamConfig, AdamWConfig, GradientsParams, ModuleOptimizer, RmsPropConfig, SgdConfig};
use burn::prelude::*;

/// The racers, in legend order.
pub const OPTIMIZERS: [&str; 5] = ["sgd", "momentum", "rmsprop", "adam", "adamw"];

/// A racer is out once |x| or |y| exceeds this (the surfaces are drawn within |θ| ≤ 4).
pub const ARENA: f64 = 100.0;

/// The Adam-internals series, in step-vector order after the racers' series.
pub const INTERNALS: [&str; 7] =
    ["adam_grad", "adam_m", "adam_m_hat", "adam_v", "adam_v_hat", "adam_step", "adam_step_raw"];

/// Hyper-parameters shared by the racers (each uses those that apply to it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hyper {
    /// Learning rate η.
    pub lr: f64,
    /// β₁ (Adam, AdamW) and the momentum coefficient μ (SGD + momentum, RMSprop's momentum is off).
    pub beta1: f64,
    /// β₂ (Adam, AdamW) and RMSprop's α.
    pub beta2: f64,
    /// ε in the adaptive denominators.
    pub eps: f64,
    /// AdamW's decoupled weight decay λ.
    pub weight_decay: f64,
}

fn optimizer(name: &str, h: &Hyper) -> ModuleOptimizer {
    let (b1, b2, eps) = (h.beta1 as f32, h.beta2 as f32, h.eps as f32);
    match name {
        "sgd" => SgdConfig::new().init(),
        "momentum" => SgdConfig::new()
            .with_momentum(Some(MomentumConfig { momentum: h.beta1, dampening: 0.0, nesterov: false }))
            .init(),
        "rmsprop" => RmsPropConfig::new().with_alpha(b2).with_momentum(0.0).with_epsilon(eps).init(),
        "adam" => AdamConfig::new().with_beta_1(b1).with_beta_2(b2).with_epsilon(eps).init(),
        _ => AdamWConfig::new()
            .with_beta_1(b1)
            .with_beta_2(b2)
            .with_epsilon(eps)
            .with_weight_decay(h.weight_decay as f32)
            .init(),
    }
}

/// One optimiser's point, state and liveness (`[1]`, 1 or 0, on the device).
struct Racer {
    point: Option<Point>,
    optim: ModuleOptimizer,
    alive: Tensor<1>,
}

/// Adam's moments for coordinate x, recomputed beside Burn's Adam from the same gradients:
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ) (Kingma & Ba 2015,
/// Algorithm 1). The step Adam takes is η·m̂/(√v̂ + ε); without bias correction it would be
/// η·m/(√v + ε), which starts (1−β₁)/√(1−β₂) ≈ 3.2× too large at the defaults.
struct Internals {
    m: Tensor<1>,
    v: Tensor<1>,
}

/// The race: five points, five optimisers, one surface.
pub struct Race {
    racers: Vec<Racer>,
    internals: Internals,
    surface: Surface,
    hyper: Hyper,
}

impl Race {
    /// All five racers at `start` on `surface`.
    pub fn new(surface: Surface, start: (f64, f64), h: &Hyper, device: &Device) -> Self {
        let one = || Tensor::<1>::ones([1], device).inner();
        let racers = OPTIMIZERS
            .iter()
            .map(|n| Racer { point: Some(Point::new(start.0, start.1, device)), optim: optimizer(n, h), alive: one() })
            .collect();
        let zero = || Tensor::<1>::zeros([1], device).inner();
        Self { racers, internals: Internals { m: zero(), v: zero() }, surface, hyper: *h }
    }
}

impl Experiment for Race {
    fn metric_names(&self) -> Vec<String> {
        let mut names: Vec<String> = OPTIMIZERS.iter().map(|n| format!("loss_{n}")).collect();
        for n in OPTIMIZERS {
            names.extend([format!("x_{n}"), format!("y_{n}"), format!("alive_{n}")]);
        }
        names.extend(INTERNALS.iter().map(|s| s.to_string()));
        names
    }

    fn train_step(&mut self, step: u64, _inspect: bool) -> StepOutput {
        let lr = self.hyper.lr;
        let mut losses = Vec::new();
        let mut tracks = Vec::new();
        let mut adam = None;
        for (i, r) in self.racers.iter_mut().enumerate() {
            let p = r.point.take().expect("point is always put back after a step");
            let before = p.theta.val().inner(); // [2]
            let loss = self.surface.tensor(p.theta.val()); // [1], at θ before the step
            losses.push(loss.clone().inner());
            let grads = loss.backward();
            let g = p.theta.val().grad(&grads); // [2], what the optimiser sees
            let grads = GradientsParams::from_grads(grads, &p);
            let p = r.optim.step(lr, p, grads);
            let after = p.theta.val().inner();
            // Out of the arena (or NaN, whose comparisons are all false): dead from now on.
            let inside = after.clone().abs().lower_equal_elem(ARENA).all().float(); // [1]
            r.alive = r.alive.clone() * inside;
            let dead = r.alive.clone().lower_elem(0.5).repeat_dim(0, 2); // [2]
            let kept = after.clone().mask_where(dead, before.clone());
            let p = Point { theta: p.theta.map(|_| Tensor::from_inner(kept.clone()).require_grad()) };
            if OPTIMIZERS[i] == "adam" {
                adam = g.map(|g| (g.narrow(0, 0, 1), (before - kept.clone()).narrow(0, 0, 1)));
            }
            tracks.extend([kept, r.alive.clone()]);
            r.point = Some(p);
        }
        losses.extend(tracks);
        let h = self.hyper;
        let t = step.min(i32::MAX as u64) as i32;
        let (c1, c2) = (1.0 - h.beta1.powi(t), 1.0 - h.beta2.powi(t));
        let (g, moved) = adam.expect("the Adam racer's θ always has a gradient");
        let ints = &mut self.internals;
        ints.m = ints.m.clone() * h.beta1 + g.clone() * (1.0 - h.beta1);
        ints.v = ints.v.clone() * h.beta2 + g.clone() * g.clone() * (1.0 - h.beta2);
        let (m_hat, v_hat) = (ints.m.clone() / c1, ints.v.clone() / c2);
        let raw = ints.m.clone() / (ints.v.clone().sqrt() + h.eps);
        losses.extend([g, ints.m.clone(), m_hat, ints.v.clone(), v_hat, moved.abs() / lr, raw.abs()]);
        StepOutput { metrics: Tensor::cat(losses, 0), host: Vec::new(), extra: Vec::new() }
    }
}
