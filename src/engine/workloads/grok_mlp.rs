//! W2: panel 14's model at p = 97 with 40% of the pairs as one full batch (3,764 pairs).

use super::Workload;
use crate::engine::data::modular::{addition_rows, split};
use crate::engine::models::pair_mlp::PairMlp;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::{AdamWConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;

/// The modulus.
pub const P: usize = 97;

/// W2.
pub struct GrokMlp {
    model: Option<PairMlp>,
    optim: ModuleOptimizer,
    loss_fn: CrossEntropyLoss,
    x: Tensor<2, Int>,
    y: Tensor<1, Int>,
}

impl GrokMlp {
    /// The batch and a fresh model.
    pub fn new(seed: u64, device: &Device) -> Self {
        let (train, _) = split(P, 0.4, seed);
        let n = train.len();
        let (x, y) = addition_rows(&train, P);
        Self {
            model: Some(PairMlp::new(P, 32, 128, seed, device)),
            optim: AdamWConfig::new().with_beta_2(0.98).with_weight_decay(1.0).init(),
            loss_fn: CrossEntropyLossConfig::new().init(device),
            x: Tensor::from_data(TensorData::new(x, [n, 2]), device),
            y: Tensor::from_data(TensorData::new(y, [n]), device),
        }
    }
}

impl Workload for GrokMlp {
    fn step(&mut self) -> Tensor<1> {
        let model = self.model.take().expect("model is always put back after a step");
        let loss = self.loss_fn.forward(model.forward(self.x.clone()), self.y.clone());
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(1e-3, model, grads));
        loss.inner()
    }
}
