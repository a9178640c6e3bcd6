//! Panel 03's optimiser race (engine side): SGD, SGD with momentum, RMSprop, Adam and AdamW, each
//! Burn's own optimiser moving its own copy of a two-parameter [`Point`] on the same [`Surface`]
//! from the same start. Per step it records `loss_<optimizer>` and the points' coordinates
//! (`x_<optimizer>`, `y_<optimizer>`) for the trajectory overlay.

use crate::engine::job::{Experiment, StepOutput};
use crate::engine::surfaces::{Point, Surface};
use burn::optim::momentum::MomentumConfig;
use burn::optim::{AdamConfig, AdamWConfig, GradientsParams, ModuleOptimizer, RmsPropConfig, SgdConfig};
use burn::prelude::*;

/// The racers, in legend order.
pub const OPTIMIZERS: [&str; 5] = ["sgd", "momentum", "rmsprop", "adam", "adamw"];

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

/// The race: five points, five optimisers, one surface.
pub struct Race {
    racers: Vec<(Option<Point>, ModuleOptimizer)>,
    surface: Surface,
    lr: f64,
}

impl Race {
    /// All five racers at `start` on `surface`.
    pub fn new(surface: Surface, start: (f64, f64), h: &Hyper, device: &Device) -> Self {
        let racers = OPTIMIZERS.iter().map(|n| (Some(Point::new(start.0, start.1, device)), optimizer(n, h))).collect();
        Self { racers, surface, lr: h.lr }
    }
}

impl Experiment for Race {
    fn metric_names(&self) -> Vec<String> {
        let mut names: Vec<String> = OPTIMIZERS.iter().map(|n| format!("loss_{n}")).collect();
        for n in OPTIMIZERS {
            names.push(format!("x_{n}"));
            names.push(format!("y_{n}"));
        }
        names
    }

    fn train_step(&mut self, _step: u64, _inspect: bool) -> StepOutput {
        let mut losses = Vec::new();
        let mut coords = Vec::new();
        for (point, optim) in &mut self.racers {
            let p = point.take().expect("point is always put back after a step");
            let loss = self.surface.tensor(p.theta.val()); // [1], at θ before the step
            losses.push(loss.clone().inner());
            let grads = GradientsParams::from_grads(loss.backward(), &p);
            let p = optim.step(self.lr, p, grads);
            coords.push(p.theta.val().inner()); // [2], after the step
            *point = Some(p);
        }
        losses.extend(coords);
        StepOutput { metrics: Tensor::cat(losses, 0), host: Vec::new(), extra: Vec::new() }
    }
}
