//! Panel 10's sweep: several small models trained one after another at points along a line
//! through the simplex (one domain's weight from 0 to 1, the others keeping their natural
//! proportions among themselves). Every step reports the current model's held-out losses
//! (`sweep_val_loss_<domain>`) and which point it trains (`sweep_point`); a point's last step is
//! its result.

use super::mix::normalise;
use super::run::{names, MixConfig, MixRun, Rule};
use crate::engine::data::domains::{Domains, K};
use crate::engine::job::{DivergenceGuard, Experiment, StepOutput};
use burn::prelude::*;
use std::rc::Rc;

/// The mixture at weight `w` of domain `d`, the rest shared as in `natural`.
pub fn line_point(natural: [f64; K], d: usize, w: f64) -> [f64; K] {
    let w = w.clamp(0.0, 1.0);
    let rest: f64 = natural.iter().enumerate().filter(|(i, _)| *i != d).map(|(_, x)| x).sum();
    let mut p: [f64; K] = std::array::from_fn(|i| {
        if i == d {
            w
        } else if rest > 0.0 {
            natural[i] / rest * (1.0 - w)
        } else {
            0.0
        }
    });
    if rest <= 0.0 {
        p[d] = 1.0;
    }
    normalise(p)
}

/// The weights `0, 1/(n−1), …, 1` of the line's `n` points.
pub fn line_weights(n: usize) -> Vec<f64> {
    let n = n.max(2);
    (0..n).map(|i| i as f64 / (n - 1) as f64).collect()
}

/// The sweep's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepConfig {
    /// The mixtures, one per point.
    pub points: Vec<[f64; K]>,
    /// Steps per point.
    pub steps: u64,
    /// Seed of every point's run (the same weights and batches stream at every point).
    pub seed: u64,
}

/// The sweep.
pub struct Sweep {
    cfg: SweepConfig,
    domains: Rc<Domains>,
    run: Option<MixRun>,
    point: usize,
    device: Device,
}

impl Sweep {
    /// The sweep `cfg` on `device`.
    pub fn new(cfg: SweepConfig, device: &Device) -> Self {
        Self { cfg, domains: Rc::new(Domains::load()), run: None, point: usize::MAX, device: device.clone() }
    }

    fn run_for(&self, point: usize) -> MixRun {
        let mix = self.cfg.points.get(point).copied().unwrap_or([1.0 / K as f64; K]);
        let cfg = MixConfig { rule: Rule::Fixed(mix), steps: self.cfg.steps, seed: self.cfg.seed };
        MixRun::new(cfg, self.domains.clone(), "sweep_", &self.device)
    }
}

impl Experiment for Sweep {
    fn metric_names(&self) -> Vec<String> {
        let mut names = names("sweep_");
        names.push("sweep_point".into());
        names
    }

    fn train_step(&mut self, step: u64, inspect: bool) -> StepOutput {
        let point = ((step.max(1) - 1) / self.cfg.steps.max(1)) as usize;
        if point != self.point {
            self.run = Some(self.run_for(point));
            self.point = point;
        }
        let run = self.run.as_mut().expect("built above");
        let mut out = run.train_step(step, inspect);
        out.host.push(point as f32);
        out
    }

    fn divergence_guard(&self) -> Option<DivergenceGuard> {
        None
    }
}
