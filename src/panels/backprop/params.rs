//! Panel 02's whole state: data set, network shape, optimiser, learning rate, seed and step budget.
//! Every field round-trips through the URL ([`UrlParams`]), so a link reproduces the run.

use crate::engine::data::toy2d::Shape;
use crate::engine::models::mlp::Activation;
use crate::state::query::{read_choice, read_f64, read_list, read_u64, Query, UrlParams};

/// Plain gradient descent, or with heavy-ball momentum (both Burn's `Sgd`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Optim {
    /// θ ← θ − η ∇L.
    Sgd,
    /// v ← μ v + ∇L, θ ← θ − η v, with μ = 0.9.
    Momentum,
}

impl Optim {
    /// All choices, in menu order.
    pub const ALL: [Optim; 2] = [Optim::Sgd, Optim::Momentum];
    /// URL / menu key.
    pub fn key(self) -> &'static str {
        match self {
            Optim::Sgd => "sgd",
            Optim::Momentum => "momentum",
        }
    }
    /// Inverse of [`Optim::key`].
    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.key() == k)
    }
}

/// Controls a course author may hide with `hide=a,b`.
pub const HIDEABLE: [&str; 8] = ["dataset", "noise", "depth", "width", "act", "lr", "optim", "seed"];

/// Learning-rate range of the log slider.
pub const LR_RANGE: (f64, f64) = (1e-4, 10.0);
/// Hidden-layer count range.
pub const DEPTH_RANGE: (u64, u64) = (1, 6);
/// Hidden-layer width range.
pub const WIDTH_RANGE: (u64, u64) = (1, 64);
/// Step-budget range.
pub const STEPS_RANGE: (u64, u64) = (1, 100_000);
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

impl UrlParams for BackpropParams {
    fn from_query(q: &Query, notes: &mut Vec<String>) -> Self {
        let d = Self::default();
        let shapes: Vec<&str> = Shape::ALL.iter().map(|s| s.key()).collect();
        let acts: Vec<&str> = Activation::ALL.iter().map(|a| a.key()).collect();
        let optims: Vec<&str> = Optim::ALL.iter().map(|o| o.key()).collect();
        Self {
            dataset: read_choice(q, "dataset", d.dataset, Shape::from_key, &shapes, notes),
            noise: read_f64(q, "noise", d.noise, 0.0, 0.5, notes),
            depth: read_u64(q, "depth", d.depth as u64, DEPTH_RANGE.0, DEPTH_RANGE.1, notes) as usize,
            width: read_u64(q, "width", d.width as u64, WIDTH_RANGE.0, WIDTH_RANGE.1, notes) as usize,
            act: read_choice(q, "act", d.act, Activation::from_key, &acts, notes),
            lr: read_f64(q, "lr", d.lr, LR_RANGE.0, LR_RANGE.1, notes),
            optim: read_choice(q, "optim", d.optim, Optim::from_key, &optims, notes),
            seed: read_u64(q, "seed", d.seed, 0, u64::from(u32::MAX), notes),
            steps: read_u64(q, "steps", d.steps, STEPS_RANGE.0, STEPS_RANGE.1, notes),
            hide: read_list(q, "hide", &HIDEABLE, notes),
        }
    }

    fn to_query(&self) -> Query {
        Query::default()
            .with("dataset", self.dataset.key())
            .with("noise", self.noise)
            .with("depth", self.depth)
            .with("width", self.width)
            .with("act", self.act.key())
            .with("lr", self.lr)
            .with("optim", self.optim.key())
            .with("seed", self.seed)
            .with("steps", self.steps)
            .with_list("hide", &self.hide)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(p.steps, STEPS_RANGE.1);
        assert_eq!(p.noise, 0.5);
        for key in ["lr", "depth", "width", "act", "seed", "steps", "noise"] {
            assert!(notes.iter().any(|n| n.starts_with(key)), "no note for {key}: {notes:?}");
        }
    }
}
