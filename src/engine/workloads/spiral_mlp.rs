//! W1: the two-arm spiral and its MLP.

use super::Workload;
use crate::engine::models::mlp::{Activation, Mlp};
use crate::engine::rng::Rng;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::{AdamWConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;

/// Points in the spiral.
pub const POINTS: usize = 512;

/// Point i has class c = i mod 2, t uniform in [0, 1), angle 4πt + πc plus uniform noise in
/// ±0.15, and sits at t·(cos, sin) of that angle.
pub fn spiral(seed: u64) -> (Vec<f32>, Vec<i64>) {
    let mut rng = Rng::stream(seed, 41);
    let mut xs = Vec::with_capacity(2 * POINTS);
    let mut ys = Vec::with_capacity(POINTS);
    for i in 0..POINTS {
        let c = i % 2;
        let t = rng.uniform();
        let angle = 4.0 * std::f64::consts::PI * t + std::f64::consts::PI * c as f64 + rng.range(-0.15, 0.15);
        xs.extend([(t * angle.cos()) as f32, (t * angle.sin()) as f32]);
        ys.push(c as i64);
    }
    (xs, ys)
}

/// W1.
pub struct SpiralMlp {
    model: Option<Mlp>,
    optim: ModuleOptimizer,
    loss_fn: CrossEntropyLoss,
    x: Tensor<2>,
    y: Tensor<1, Int>,
}

impl SpiralMlp {
    /// The data and a fresh model.
    pub fn new(seed: u64, device: &Device) -> Self {
        let (xs, ys) = spiral(seed);
        Self {
            model: Some(Mlp::new(&[2, 32, 32, 2], Activation::Relu, seed, device)),
            optim: AdamWConfig::new().with_weight_decay(1e-2).init(),
            loss_fn: CrossEntropyLossConfig::new().init(device),
            x: Tensor::from_data(TensorData::new(xs, [POINTS, 2]), device),
            y: Tensor::from_data(TensorData::new(ys, [POINTS]), device),
        }
    }
}

impl Workload for SpiralMlp {
    fn step(&mut self) -> Tensor<1> {
        let model = self.model.take().expect("model is always put back after a step");
        let loss = self.loss_fn.forward(model.forward(self.x.clone(), Activation::Relu), self.y.clone());
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(1e-2, model, grads));
        loss.inner()
    }
}
