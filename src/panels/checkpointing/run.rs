//! Panel 07's training run: a deep tanh MLP learns two concentric circles. Every step computes the
//! gradient under each strategy from the same weights (all, every k-th, √n, none), timing each and counting
//! the activation bytes it held; a sweep measures one more spacing k per step, so that the
//! memory–time trade-off fills in for every k; Burn's autodiff computes the same gradient as the
//! reference. Adam then steps with the store-everything gradient.

use super::segments::{pass, Pass, Strategy, Weights};
use crate::engine::data::toy2d::{generate, Shape};
use crate::engine::job::{Experiment, StepOutput};
use crate::engine::models::mlp::{Activation, Mlp};
use crate::engine::view::Frame;
use burn::nn::loss::CrossEntropyLossConfig;
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use web_time::Instant;

/// Points of the two circles (one full batch per step).
pub const POINTS: usize = 256;
/// Adam's learning rate.
pub const LR: f64 = 1e-3;
/// Step times are the median of this many recent steps.
const TIMED: usize = 15;

/// What a run is built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckpointConfig {
    /// Hidden layers n.
    pub layers: usize,
    /// Width of each hidden layer.
    pub width: usize,
    /// The spacing k of the every-k-th strategy.
    pub k: usize,
    /// Seed of the data and the weights.
    pub seed: u64,
}

impl CheckpointConfig {
    /// The four strategies of the panel, in its order.
    pub fn strategies(&self) -> [Strategy; 4] {
        [Strategy::All, Strategy::EveryK(self.k), Strategy::Sqrt, Strategy::None]
    }
}

/// One strategy's figures, for the view.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StrategyView {
    /// `all`, `every_k`, `sqrt` or `none`.
    pub key: String,
    /// Activation bytes after each operation of the last step.
    pub timeline: Vec<u64>,
    /// The most held at once.
    pub peak: u64,
    /// Median time of a forward and backward pass over recent steps, ms.
    pub ms: f64,
    /// Layer forwards recomputed in one step.
    pub recomputed: u64,
}

/// What the view shows beyond the metrics.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CheckpointView {
    /// The four strategies.
    pub strategies: Vec<StrategyView>,
    /// Every spacing k = 1..=n measured so far: (k, peak bytes, median ms of recent steps).
    pub sweep: Vec<(u32, u64, f64)>,
}

/// The run.
pub struct CheckpointRun {
    model: Option<Mlp>,
    opt: ModuleOptimizer,
    data: (Tensor<2>, Tensor<1, Int>),
    cfg: CheckpointConfig,
    times: Vec<Vec<f64>>,
    /// Per spacing k: the peak, and recent times.
    sweep: Vec<(u64, Vec<f64>)>,
    /// This step's passes so far, with their times.
    passes: Vec<(Pass, f64)>,
    view: CheckpointView,
    device: Device,
}

/// Keeps the newest [`TIMED`] times.
fn push_time(times: &mut Vec<f64>, ms: f64) {
    if times.len() == TIMED {
        times.remove(0);
    }
    times.push(ms);
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s.get(s.len() / 2).copied().unwrap_or(0.0)
}

/// The model's layers as plain tensors (no graph).
pub fn weights(m: &Mlp) -> Vec<Weights> {
    m.layers
        .iter()
        .map(|l| {
            let b = l.bias.as_ref().expect("Mlp::new gives every layer a bias");
            (l.weight.val().inner(), b.val().inner())
        })
        .collect()
}

/// Largest |a − b| over two gradient lists, `[1]`.
pub fn largest_diff(a: &[Weights], b: &[Weights]) -> Tensor<1> {
    let parts: Vec<Tensor<1>> = a
        .iter()
        .zip(b)
        .flat_map(|((wa, ba), (wb, bb))| [(wa.clone() - wb.clone()).abs().max(), (ba.clone() - bb.clone()).abs().max()])
        .collect();
    Tensor::cat(parts, 0).max()
}

impl CheckpointRun {
    /// A fresh model and the circles.
    pub fn new(cfg: CheckpointConfig, device: &Device) -> Self {
        let mut dims = vec![2];
        dims.extend(std::iter::repeat_n(cfg.width, cfg.layers));
        dims.push(2);
        let (x, y) = generate(Shape::Circles, POINTS, 0.1, cfg.seed).tensors(device);
        Self {
            model: Some(Mlp::new(&dims, Activation::Tanh, cfg.seed, device)),
            opt: AdamConfig::new().init(),
            data: (x.inner(), y.inner()),
            cfg,
            times: vec![Vec::new(); 4],
            sweep: vec![(0, Vec::new()); cfg.layers],
            passes: Vec::new(),
            view: CheckpointView::default(),
            device: device.clone(),
        }
    }

    /// The pass of `s`, and its time in ms.
    fn timed(&self, layers: &[Weights], s: Strategy) -> (Pass, f64) {
        let t0 = Instant::now();
        let p = pass(layers, self.data.0.clone(), self.data.1.clone(), s);
        (p, t0.elapsed().as_secs_f64() * 1e3)
    }

    /// Burn autodiff's gradients of the same loss, as (dW, db) per layer.
    fn reference(&self, m: &Mlp) -> Vec<Weights> {
        let (x, y) = (Tensor::from_inner(self.data.0.clone()), Tensor::from_inner(self.data.1.clone()));
        let loss = CrossEntropyLossConfig::new().init(&self.device).forward(m.forward(x, Activation::Tanh), y);
        let grads = loss.backward();
        m.layers
            .iter()
            .map(|l| {
                let dw = l.weight.val().grad(&grads).expect("every weight takes part");
                let db = l.bias.as_ref().and_then(|b| b.val().grad(&grads)).expect("every bias takes part");
                (dw, db)
            })
            .collect()
    }
}

impl Experiment for CheckpointRun {
    fn metric_names(&self) -> Vec<String> {
        let mut names = vec!["loss".to_string(), "grad_diff_autodiff".to_string()];
        for s in self.cfg.strategies() {
            names.push(format!("grad_diff_{}", s.key()));
        }
        for prefix in ["peak_bytes", "step_ms", "recomputed"] {
            names.extend(self.cfg.strategies().map(|s| format!("{prefix}_{}", s.key())));
        }
        names
    }

    /// One pass per micro-step (the four strategies, then the sweep's spacing), so that a deep or
    /// wide network's step shares the worker with other jobs; `train_step` checks and updates.
    fn micro_steps(&self) -> u64 {
        5
    }

    fn micro_step(&mut self, step: u64, micro: u64) {
        let m = self.model.as_ref().expect("model is always put back after a step");
        let layers = weights(m);
        if micro < 4 {
            let pass = self.timed(&layers, self.cfg.strategies()[micro as usize]);
            self.passes.push(pass);
        } else {
            // One more spacing per step, in turn, for the trade-off plot.
            let k = (step as usize - 1) % self.cfg.layers + 1;
            let (p, ms) = self.timed(&layers, Strategy::EveryK(k));
            let (peak, times) = &mut self.sweep[k - 1];
            *peak = p.memory.peak as u64;
            push_time(times, ms);
        }
    }

    fn train_step(&mut self, _step: u64, _inspect: bool) -> StepOutput {
        let m = self.model.take().expect("model is always put back after a step");
        let passes = std::mem::take(&mut self.passes);
        let all = &passes[0].0.grads;
        let mut metrics = vec![passes[0].0.loss.clone(), largest_diff(all, &self.reference(&m))];
        metrics.extend(passes.iter().map(|(p, _)| largest_diff(&p.grads, all)));
        let mut host: Vec<f32> = passes.iter().map(|(p, _)| p.memory.peak as f32).collect();
        host.extend(passes.iter().map(|(_, ms)| *ms as f32));
        host.extend(passes.iter().map(|(p, _)| p.recomputed as f32));
        for (i, (p, ms)) in passes.iter().enumerate() {
            push_time(&mut self.times[i], *ms);
            let view = StrategyView {
                key: self.cfg.strategies()[i].key().into(),
                timeline: p.memory.timeline.iter().map(|&b| b as u64).collect(),
                peak: p.memory.peak as u64,
                ms: median(&self.times[i]),
                recomputed: p.recomputed as u64,
            };
            match self.view.strategies.get_mut(i) {
                Some(v) => *v = view,
                None => self.view.strategies.push(view),
            }
        }
        self.view.sweep = self
            .sweep
            .iter()
            .enumerate()
            .filter(|(_, (_, t))| !t.is_empty())
            .map(|(i, (p, t))| (i as u32 + 1, *p, median(t)))
            .collect();
        let mut grads = GradientsParams::new();
        for (l, (dw, db)) in m.layers.iter().zip(all) {
            grads.register(l.weight.id, dw.clone());
            if let Some(b) = &l.bias {
                grads.register(b.id, db.clone());
            }
        }
        self.model = Some(self.opt.step(LR, m, grads));
        StepOutput { metrics: Tensor::cat(metrics, 0), host, extra: Vec::new() }
    }

    fn view(&mut self) -> Option<Frame> {
        Some(Frame::encode(&self.view))
    }
}
