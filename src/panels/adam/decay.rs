//! Panel 03's second view (engine side): coupled against decoupled weight decay. The same MLP, from
//! the same initial weights on the same data, is trained twice at the same λ: once with Adam whose
//! gradient carries an L2 term (Burn's `AdamConfig::with_weight_decay`, g ← g + λθ before the
//! moments), once with AdamW (Burn's `AdamWConfig`, θ ← θ − ηλθ beside the Adam step), following
//! Loshchilov & Hutter, "Decoupled Weight Decay Regularization" (ICLR 2019).
//!
//! With L2 inside Adam, the decay term is divided by √v̂ like the rest of the gradient, so weights
//! whose loss gradient is small are pulled to zero at nearly the full rate η, while AdamW shrinks
//! every weight by the same factor (1 − ηλ) per step.
//!
//! Per step it records `decay_loss_adam_l2`, `decay_loss_adamw`, `weight_norm_adam_l2` and `weight_norm_adamw`
//! (‖θ‖₂ over all weights and biases).

use crate::engine::data::toy2d::{self, Shape};
use crate::engine::job::{Experiment, StepOutput};
use crate::engine::models::mlp::{Activation, Mlp};
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::decay::WeightDecayConfig;
use burn::optim::{AdamConfig, AdamWConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;

/// The model both runs train.
pub const DIMS: [usize; 4] = [2, 32, 32, 2];
/// Points in the data set.
pub const POINTS: usize = 256;
/// Adam's learning rate for both runs.
pub const LR: f64 = 0.01;

/// ‖θ‖₂ over every weight and bias of `model`, `[1]` (inner backend).
pub fn weight_norm(model: &Mlp) -> Tensor<1> {
    let squares: Vec<Tensor<1>> = model
        .layers
        .iter()
        .flat_map(|l| {
            let w = l.weight.val().inner().powi_scalar(2).sum(); // [1]
            let b = l.bias.as_ref().map(|b| b.val().inner().powi_scalar(2).sum());
            std::iter::once(w).chain(b)
        })
        .collect();
    Tensor::cat(squares, 0).sum().sqrt()
}

/// Two runs of one model at one λ: Adam + L2, and AdamW.
pub struct DecayPair {
    models: [Option<Mlp>; 2],
    optims: [ModuleOptimizer; 2],
    loss_fn: CrossEntropyLoss,
    x: Tensor<2>,
    y: Tensor<1, Int>,
}

impl DecayPair {
    /// Both runs at weight decay `lambda` on the noisy spiral; `seed` fixes data and weights.
    pub fn new(lambda: f64, seed: u64, device: &Device) -> Self {
        let points = toy2d::generate(Shape::Spiral, POINTS, 0.1, seed);
        let (x, y) = points.tensors(device);
        let model = || Some(Mlp::new(&DIMS, Activation::Relu, seed, device));
        let l2 = AdamConfig::new().with_weight_decay(Some(WeightDecayConfig::new(lambda as f32))).init();
        let adamw = AdamWConfig::new().with_weight_decay(lambda as f32).init();
        Self {
            models: [model(), model()],
            optims: [l2, adamw],
            loss_fn: CrossEntropyLossConfig::new().init(device),
            x,
            y,
        }
    }
}

impl Experiment for DecayPair {
    fn metric_names(&self) -> Vec<String> {
        ["decay_loss_adam_l2", "decay_loss_adamw", "weight_norm_adam_l2", "weight_norm_adamw"]
            .map(String::from)
            .to_vec()
    }

    fn train_step(&mut self, _step: u64, _inspect: bool) -> StepOutput {
        let mut losses = Vec::new();
        let mut norms = Vec::new();
        for (slot, optim) in self.models.iter_mut().zip(&mut self.optims) {
            let model = slot.take().expect("model is always put back after a step");
            let logits = model.forward(self.x.clone(), Activation::Relu); // [n, 2]
            let loss = self.loss_fn.forward(logits, self.y.clone()); // [1]
            losses.push(loss.clone().inner());
            let grads = GradientsParams::from_grads(loss.backward(), &model);
            let model = optim.step(LR, model, grads);
            norms.push(weight_norm(&model));
            *slot = Some(model);
        }
        losses.extend(norms);
        StepOutput { metrics: Tensor::cat(losses, 0), host: Vec::new(), extra: Vec::new() }
    }
}
