//! Panel 05's accumulation run: the same network trained two ways from the same weights on the
//! same examples. One takes each optimizer step on a batch of k·b examples; the other runs k
//! micro-batches of b, adds their gradients (Burn's `GradientsAccumulator`, which sums), scales
//! the sum by 1/k and then steps. The micro-batches are the engine's micro-steps: each runs on its
//! own, so a long accumulated step shares the worker with other jobs. The two copies should agree
//! to float rounding: each step records both losses and the largest |Δθ| between them. The time each kind of step takes in this
//! thread is measured too, and goes to the view ([`AccumView`]) rather than into the metrics, which
//! must reproduce exactly from the seed.

use crate::engine::clip::scale;
use crate::engine::data::toy2d::{self, Points, Shape};
use crate::engine::job::{Experiment, StepOutput};
use crate::engine::models::mlp::{Activation, Mlp};
use crate::engine::rng::Rng;
use crate::engine::view::Frame;
use burn::module::{Module, ModuleVisitor, Param};
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::{AdamConfig, GradientsAccumulator, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use web_time::Instant;

/// Layer widths.
pub const DIMS: [usize; 4] = [2, 32, 32, 2];
/// Points in the data set the batches are drawn from.
pub const POINTS: usize = 512;
/// Adam's learning rate.
pub const LR: f64 = 0.01;
const ACT: Activation = Activation::Tanh;

/// What the run is built from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccumConfig {
    /// Micro-batches per optimizer step.
    pub k: usize,
    /// Examples per micro-batch.
    pub b: usize,
    /// Seed of the data, the weights and the batches.
    pub seed: u64,
}

impl AccumConfig {
    /// Activations one forward pass keeps for the backward pass, in bytes, from the shapes: every
    /// layer's output (its pre-activation, and the activation after it for the hidden layers) for
    /// each of `batch` examples, 4 bytes each. A formula, not a measurement.
    pub fn activation_bytes(batch: usize) -> usize {
        let hidden: usize = DIMS[1..DIMS.len() - 1].iter().map(|w| 2 * w).sum();
        4 * batch * (DIMS[0] + hidden + DIMS[DIMS.len() - 1])
    }
}

/// Steps the time readouts average over.
const TIMED: usize = 20;

/// What the view shows besides the metrics: the mean time of the last [`TIMED`] optimizer steps.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AccumView {
    /// One batch of k·b, ms.
    #[serde(with = "crate::engine::wire::nan_f64")]
    pub ms_big_batch: f64,
    /// k micro-batches of b, ms.
    #[serde(with = "crate::engine::wire::nan_f64")]
    pub ms_accumulated: f64,
}

/// Both copies and their data.
pub struct AccumPair {
    /// `(big, accumulated)` times of the last steps, ms.
    times: std::collections::VecDeque<(f64, f64)>,
    big: Option<Mlp>,
    acc: Option<Mlp>,
    opt_big: ModuleOptimizer,
    opt_acc: ModuleOptimizer,
    loss_fn: CrossEntropyLoss,
    pts: Points,
    rng: Rng,
    cfg: AccumConfig,
    /// The accumulated copy's optimizer step in progress.
    step: Option<InStep>,
    /// Micro-batches run so far (counted as they run).
    micro_batches: u64,
    device: Device,
}

/// Every parameter of a module, flattened into one vector.
struct Flatten(Vec<Tensor<1>>);
impl ModuleVisitor for Flatten {
    fn visit_float<const D: usize>(&mut self, p: &Param<Tensor<D>>) {
        self.0.push(p.val().inner().flatten(0, D - 1));
    }
}

fn flat(m: &Mlp) -> Tensor<1> {
    let mut f = Flatten(Vec::new());
    m.visit(&mut f);
    Tensor::cat(f.0, 0)
}

impl AccumPair {
    /// Both copies from the same seeded weights.
    pub fn new(cfg: AccumConfig, device: &Device) -> Self {
        let cfg = AccumConfig { k: cfg.k.max(1), b: cfg.b.max(1), ..cfg };
        Self {
            times: std::collections::VecDeque::with_capacity(TIMED),
            big: Some(Mlp::new(&DIMS, ACT, cfg.seed, device)),
            acc: Some(Mlp::new(&DIMS, ACT, cfg.seed, device)),
            opt_big: AdamConfig::new().init(),
            opt_acc: AdamConfig::new().init(),
            loss_fn: CrossEntropyLossConfig::new().init(device),
            pts: toy2d::generate(Shape::Circles, POINTS, 0.05, cfg.seed),
            rng: Rng::stream(cfg.seed, 53),
            cfg,
            step: None,
            micro_batches: 0,
            device: device.clone(),
        }
    }

    /// The next k·b examples, drawn with replacement.
    fn batch(&mut self) -> (Tensor<2>, Tensor<1, Int>) {
        let n = self.cfg.k * self.cfg.b;
        let (mut xs, mut ys) = (Vec::with_capacity(2 * n), Vec::with_capacity(n));
        for _ in 0..n {
            let i = ((self.rng.uniform() * POINTS as f64) as usize).min(POINTS - 1);
            xs.extend(self.pts.xs[i]);
            ys.push(i64::from(self.pts.ys[i]));
        }
        (
            Tensor::from_data(TensorData::new(xs, [n, 2]), &self.device),
            Tensor::from_data(TensorData::new(ys, [n]), &self.device),
        )
    }
}

/// The optimizer step in progress on the accumulated copy: its k·b examples, the gradients summed
/// so far, the micro-batch losses, and the time spent on it.
struct InStep {
    x: Tensor<2>,
    y: Tensor<1, Int>,
    acc: GradientsAccumulator<Mlp>,
    losses: Vec<Tensor<1>>,
    ms: f64,
}

impl AccumPair {
    /// Forward and backward of micro-batch `j` on the accumulated copy, its gradient added in.
    fn micro(&mut self, j: usize) {
        if self.step.is_none() {
            let (x, y) = self.batch();
            self.step = Some(InStep { x, y, acc: GradientsAccumulator::new(), losses: Vec::new(), ms: 0.0 });
        }
        let b = self.cfg.b;
        let t = Instant::now();
        let (m, s) =
            (self.acc.as_ref().expect("model is always put back after a step"), self.step.as_mut().expect("set above"));
        let (xj, yj) = (s.x.clone().narrow(0, j * b, b), s.y.clone().narrow(0, j * b, b));
        let loss = self.loss_fn.forward(m.forward(xj, ACT), yj);
        s.acc.accumulate(m, GradientsParams::from_grads(loss.backward(), m));
        s.losses.push(loss.inner());
        s.ms += t.elapsed().as_secs_f64() * 1e3;
        self.micro_batches += 1;
    }
}

impl Experiment for AccumPair {
    fn metric_names(&self) -> Vec<String> {
        ["loss_big_batch", "loss_accumulated", "param_diff", "micro_steps"].map(String::from).to_vec()
    }

    fn micro_steps(&self) -> u64 {
        self.cfg.k as u64
    }

    fn micro_step(&mut self, _step: u64, micro: u64) {
        self.micro(micro as usize);
    }

    fn train_step(&mut self, _step: u64, _inspect: bool) -> StepOutput {
        let k = self.cfg.k;
        self.micro(k - 1);
        let InStep { x, y, mut acc, losses, ms } = self.step.take().expect("the micro-batches made it");
        let t1 = Instant::now();
        let m = self.acc.take().expect("model is always put back after a step");
        let mut grads = acc.grads();
        scale(&m, &mut grads, 1.0 / k as f32, &self.device);
        self.acc = Some(self.opt_acc.step(LR, m, grads));
        let ms_acc = ms + t1.elapsed().as_secs_f64() * 1e3;

        let t0 = Instant::now();
        let m = self.big.take().expect("model is always put back after a step");
        let big_loss = self.loss_fn.forward(m.forward(x, ACT), y);
        let grads = GradientsParams::from_grads(big_loss.backward(), &m);
        self.big = Some(self.opt_big.step(LR, m, grads));
        let ms_big = t0.elapsed().as_secs_f64() * 1e3;

        let acc_loss = Tensor::cat(losses, 0).mean();
        let (a, c) = (self.big.as_ref().expect("put back"), self.acc.as_ref().expect("put back"));
        let diff = (flat(a) - flat(c)).abs().max();
        let metrics = Tensor::cat(vec![big_loss.inner(), acc_loss, diff], 0);
        if self.times.len() == TIMED {
            self.times.pop_front();
        }
        self.times.push_back((ms_big, ms_acc));
        // Micro-batches run so far: beside the optimizer step on the x axis, how many micro-steps
        // each optimizer step took.
        StepOutput { metrics, host: vec![self.micro_batches as f32], extra: Vec::new() }
    }

    fn view(&mut self) -> Option<Frame> {
        let n = self.times.len().max(1) as f64;
        let (big, acc) = self.times.iter().fold((0.0, 0.0), |s, t| (s.0 + t.0, s.1 + t.1));
        Some(Frame::encode(&AccumView { ms_big_batch: big / n, ms_accumulated: acc / n }))
    }
}
