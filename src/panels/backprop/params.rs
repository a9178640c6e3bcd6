//! Panel 02's whole state: data set, network shape, optimiser, learning rate, seed and step budget.
//! Every field is stated once, in the table below, and round-trips through the URL, so a link
//! reproduces the run.

use crate::engine::data::toy2d::Shape;
use crate::engine::models::mlp::Activation;
use crate::state::params::{Choice, Field, Int, Params, Pick, Real, Seed};

/// Plain gradient descent, or with heavy-ball momentum (both Burn's `Sgd`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Optim {
    /// θ ← θ − η ∇L.
    Sgd,
    /// v ← μ v + ∇L, θ ← θ − η v, with μ = 0.9.
    Momentum,
}

impl Choice for Optim {
    const ALL: &'static [Self] = &[Optim::Sgd, Optim::Momentum];
    fn key(self) -> &'static str {
        match self {
            Optim::Sgd => "sgd",
            Optim::Momentum => "momentum",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Optim::Sgd => "SGD",
            Optim::Momentum => "SGD + momentum 0.9",
        }
    }
}

/// Points in the data set (half per class).
pub const POINTS: usize = 256;

/// Panel 02's parameters. Units: `lr` per step; `noise` in data units (the data spans about ±1).
#[derive(Clone, Debug, PartialEq)]
pub struct BackpropParams {
    /// Which 2-D data set.
    pub dataset: Shape,
    /// Uniform jitter added to each coordinate, 0–0.5.
    pub noise: f64,
    /// Number of hidden layers, 1–6.
    pub depth: usize,
    /// Units per hidden layer, 1–64.
    pub width: usize,
    /// Hidden non-linearity.
    pub act: Activation,
    /// Learning rate η, 1e-4–10 (log slider).
    pub lr: f64,
    /// Update rule.
    pub optim: Optim,
    /// Seed for data and initial weights.
    pub seed: u64,
    /// Step budget; the run is done when it is spent.
    pub steps: u64,
    /// Controls hidden from an embedded panel.
    pub hide: Vec<String>,
}

impl Default for BackpropParams {
    fn default() -> Self {
        Self {
            dataset: Shape::Spiral,
            noise: 0.05,
            depth: 2,
            width: 16,
            act: Activation::Tanh,
            lr: 0.3,
            optim: Optim::Momentum,
            seed: 1,
            steps: 2_000,
            hide: Vec::new(),
        }
    }
}

impl BackpropParams {
    /// Layer widths: 2 inputs, `depth` hidden layers of `width`, 2 classes.
    pub fn dims(&self) -> Vec<usize> {
        let mut d = vec![2];
        d.extend(std::iter::repeat_n(self.width, self.depth));
        d.push(2);
        d
    }
}

type P = BackpropParams;

/// The data set.
pub const DATASET: Pick<P, Shape> =
    Pick { key: "dataset", label: "Data set", get: |p| p.dataset, set: |p, v| p.dataset = v };
/// Jitter of the points.
pub const NOISE: Real<P> = Real::<P>::new("noise", "Noise", (0.0, 0.5), |p| p.noise, |p, v| p.noise = v).step(0.01);
/// Hidden layers.
pub const DEPTH: Int<P> =
    Int::<P>::new("depth", "Hidden layers", (1, 6), |p| p.depth as u64, |p, v| p.depth = v as usize);
/// Units per hidden layer.
pub const WIDTH: Int<P> =
    Int::<P>::new("width", "Units per layer", (1, 64), |p| p.width as u64, |p, v| p.width = v as usize);
/// The non-linearity.
pub const ACT: Pick<P, Activation> = Pick { key: "act", label: "Activation", get: |p| p.act, set: |p, v| p.act = v };
/// The learning rate.
pub const LR: Real<P> = Real::<P>::new("lr", "Learning rate", (1e-4, 10.0), |p| p.lr, |p, v| p.lr = v).log();
/// The update rule.
pub const OPTIM: Pick<P, Optim> = Pick { key: "optim", label: "Optimizer", get: |p| p.optim, set: |p, v| p.optim = v };
/// The seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };
/// The step budget.
pub const STEPS: Int<P> = Int::<P>::new("steps", "Step budget", (1, 100_000), |p| p.steps, |p, v| p.steps = v).log();

impl Params for BackpropParams {
    const FIELDS: &'static [&'static dyn Field<Self>] =
        &[&DATASET, &NOISE, &DEPTH, &WIDTH, &ACT, &LR, &OPTIM, &SEED, &STEPS];
    crate::hide_field!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::{Query, UrlParams};

    #[test]
    fn round_trips_through_the_url() {
        let p = BackpropParams { lr: 0.3, seed: 7, depth: 3, act: Activation::Sigmoid, ..Default::default() };
        let mut notes = Vec::new();
        let back = BackpropParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes);
        assert_eq!(back, p);
        assert!(notes.is_empty());
    }

    #[test]
    fn malformed_values_never_panic_and_are_noted() {
        let mut notes = Vec::new();
        let q = Query::parse("lr=banana&depth=99&width=-4&act=swish&seed=-1&steps=1e9&noise=inf");
        let p = BackpropParams::from_query(&q, &mut notes);
        assert_eq!(p.lr, BackpropParams::default().lr);
        assert_eq!(p.depth, 6);
        assert_eq!(p.width, 1);
        assert_eq!(p.act, Activation::Tanh);
        assert_eq!(p.steps, STEPS.max);
        assert_eq!(p.noise, 0.5);
        for key in ["lr", "depth", "width", "act", "seed", "steps", "noise"] {
            assert!(notes.iter().any(|n| n.starts_with(key)), "no note for {key}: {notes:?}");
        }
    }
}
