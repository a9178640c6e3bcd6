//! Panel 05's clipping run: a small network fits y = sin 3x from mini-batches, and now and then a
//! batch arrives corrupted (its targets buried in noise of standard deviation [`NOISE`]), whose
//! gradient is far larger than the rest. Two copies train from the same weights on the same
//! batches with plain SGD: one as is, one with its gradient clipped ([`crate::engine::clip`]) by
//! the global norm (or by value). Each step records the clipped copy's gradient norm before
//! clipping, whether it was clipped, the share of steps clipped so far, and both copies' loss on
//! clean held-out points.

use crate::engine::clip::{clip_global_norm, clip_value, global_norm, largest_tensor_norm, max_abs};
use crate::engine::job::{Experiment, StepOutput};
use crate::engine::models::mlp::{Activation, Mlp};
use crate::engine::rng::Rng;
use burn::grad_clipping::GradientClippingConfig;
use burn::optim::{GradientsParams, ModuleOptimizer, SgdConfig};
use burn::prelude::*;

/// Layer widths.
pub const DIMS: [usize; 4] = [1, 32, 32, 1];
/// Training points, held-out points, and the batch size.
pub const TRAIN: usize = 256;
/// Clean points the loss is measured on.
pub const VAL: usize = 128;
/// Points per batch.
pub const BATCH: usize = 32;
/// Standard deviation of the noise that buries a corrupted batch's targets.
pub const NOISE: f64 = 30.0;
/// The held-out loss reported for a run whose loss is no longer finite (it has blown up).
pub const CAP: f32 = 1.0e4;
const ACT: Activation = Activation::Tanh;

/// How the clipped copy is clipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClipMode {
    /// g ← g · min(1, c/‖g‖), ‖g‖ over every gradient together.
    Norm,
    /// Each entry clamped into [−c, c].
    Value,
    /// Each parameter tensor's norm capped at c on its own: Burn's `GradientClippingConfig::Norm`,
    /// set on the optimizer.
    Tensor,
}

/// What the run is built from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpikyConfig {
    /// SGD's learning rate.
    pub lr: f64,
    /// The clipping threshold c.
    pub threshold: f64,
    /// Norm or value.
    pub mode: ClipMode,
    /// Chance that a batch is corrupted.
    pub corrupt: f64,
    /// Seed of the data, the weights and the batches.
    pub seed: u64,
}

/// Both copies, their data and the count of clipped steps.
pub struct SpikyPair {
    plain: Option<Mlp>,
    clipped: Option<Mlp>,
    opt_plain: ModuleOptimizer,
    opt_clipped: ModuleOptimizer,
    xs: Vec<f32>,
    ys: Vec<f32>,
    val: (Tensor<2>, Tensor<2>),
    count: Tensor<1>,
    rng: Rng,
    cfg: SpikyConfig,
    device: Device,
}

fn column(v: Vec<f32>, device: &Device) -> Tensor<2> {
    let n = v.len();
    Tensor::from_data(TensorData::new(v, [n, 1]), device)
}

/// Points x uniform in [−1, 1] with y = sin 3x.
fn points(n: usize, rng: &mut Rng) -> (Vec<f32>, Vec<f32>) {
    let xs: Vec<f32> = (0..n).map(|_| rng.range(-1.0, 1.0) as f32).collect();
    let ys = xs.iter().map(|&x| (3.0 * x).sin()).collect();
    (xs, ys)
}

impl SpikyPair {
    /// Both copies from the same seeded weights.
    pub fn new(cfg: SpikyConfig, device: &Device) -> Self {
        let mut data_rng = Rng::stream(cfg.seed, 51);
        let (xs, ys) = points(TRAIN, &mut data_rng);
        let (vx, vy) = points(VAL, &mut data_rng);
        Self {
            plain: Some(Mlp::new(&DIMS, ACT, cfg.seed, device)),
            clipped: Some(Mlp::new(&DIMS, ACT, cfg.seed, device)),
            opt_plain: SgdConfig::new().init(),
            opt_clipped: match cfg.mode {
                // Burn clips inside the optimizer, each parameter tensor by its own norm.
                ClipMode::Tensor => SgdConfig::new()
                    .with_gradient_clipping(Some(GradientClippingConfig::Norm(cfg.threshold as f32)))
                    .init(),
                ClipMode::Norm | ClipMode::Value => SgdConfig::new().init(),
            },
            xs,
            ys,
            val: (column(vx, device), column(vy, device)),
            count: Tensor::zeros([1], device),
            rng: Rng::stream(cfg.seed, 52),
            cfg,
            device: device.clone(),
        }
    }

    /// The next batch, corrupted with chance `cfg.corrupt`.
    fn batch(&mut self) -> (Tensor<2>, Tensor<2>) {
        let corrupt = self.rng.uniform() < self.cfg.corrupt;
        let (mut bx, mut by) = (Vec::with_capacity(BATCH), Vec::with_capacity(BATCH));
        for _ in 0..BATCH {
            let i = ((self.rng.uniform() * TRAIN as f64) as usize).min(TRAIN - 1);
            bx.push(self.xs[i]);
            by.push(self.ys[i] + if corrupt { (NOISE * self.rng.normal()) as f32 } else { 0.0 });
        }
        (column(bx, &self.device), column(by, &self.device))
    }

    /// Mean squared error on the clean held-out points, without building a graph, `[1]`.
    fn val_loss(&self, m: &Mlp) -> Tensor<1> {
        let pred = m.valid().forward(self.val.0.clone().inner(), ACT);
        (pred - self.val.1.clone().inner()).square().mean()
    }
}

fn mse(m: &Mlp, x: Tensor<2>, y: Tensor<2>) -> Tensor<1> {
    (m.forward(x, ACT) - y).square().mean()
}

impl Experiment for SpikyPair {
    fn metric_names(&self) -> Vec<String> {
        ["grad_norm", "loss_unclipped", "loss_clipped", "clipped_share", "clipped"].map(String::from).to_vec()
    }

    fn train_step(&mut self, step: u64, _inspect: bool) -> StepOutput {
        let (x, y) = self.batch();
        let lr = self.cfg.lr;
        let m = self.plain.take().expect("model is always put back after a step");
        let grads = GradientsParams::from_grads(mse(&m, x.clone(), y.clone()).backward(), &m);
        self.plain = Some(self.opt_plain.step(lr, m, grads));

        let m = self.clipped.take().expect("model is always put back after a step");
        let mut grads = GradientsParams::from_grads(mse(&m, x, y).backward(), &m);
        let c = self.cfg.threshold as f32;
        let (norm, hit) = match self.cfg.mode {
            ClipMode::Norm => {
                let norm = clip_global_norm(&m, &mut grads, c, &self.device);
                (norm.clone(), norm.greater_elem(c))
            }
            ClipMode::Value => {
                let (norm, biggest) = (global_norm(&m, &grads, &self.device), max_abs(&m, &grads, &self.device));
                clip_value(&m, &mut grads, c);
                (norm, biggest.greater_elem(c))
            }
            ClipMode::Tensor => {
                let (norm, biggest) =
                    (global_norm(&m, &grads, &self.device), largest_tensor_norm(&m, &grads, &self.device));
                (norm, biggest.greater_elem(c))
            }
        };
        self.clipped = Some(self.opt_clipped.step(lr, m, grads));
        let hit = hit.float();
        self.count = self.count.clone() + hit.clone();
        let share = self.count.clone() / step as f32;
        let plain = self.val_loss(self.plain.as_ref().expect("just put back"));
        // A blown-up run reports CAP, so that it stays on the chart and does not end the job: its
        // divergence is the lesson. The clipped copy's loss is reported as is.
        let plain = plain.clone().mask_fill(plain.is_nan(), CAP).clamp_max(CAP);
        let clipped = self.val_loss(self.clipped.as_ref().expect("just put back"));
        StepOutput {
            metrics: Tensor::cat(vec![norm.inner(), plain, clipped, share.inner(), hit.inner()], 0),
            host: Vec::new(),
            extra: Vec::new(),
        }
    }
}
