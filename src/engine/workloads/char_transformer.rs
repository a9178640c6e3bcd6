//! W3: nanoGPT's CPU shakespeare-char shape, trained with Adam on *Moby-Dick* characters (the
//! vocabulary is sized 65 as in that configuration; the text uses 39 of them).

use super::Workload;
use crate::engine::data::text::Corpus;
use crate::engine::data::tokens::sequences;
use crate::engine::models::gpt::{Gpt, GptShape};
use crate::engine::rng::Rng;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;

/// The shape (Karpathy's nanoGPT, `train_shakespeare_char.py` with its CPU settings).
pub const SHAPE: GptShape = GptShape { vocab: 65, context: 64, layers: 4, heads: 4, d_model: 128, d_ff: 512 };
/// Sequences per batch.
pub const BATCH: usize = 12;

/// W3.
pub struct CharTransformer {
    model: Option<Gpt>,
    optim: ModuleOptimizer,
    loss_fn: CrossEntropyLoss,
    text: Vec<u32>,
    rng: Rng,
    device: Device,
}

impl CharTransformer {
    /// The text and a fresh model (the device is seeded for Burn's initialisers).
    pub fn new(seed: u64, device: &Device) -> Self {
        device.seed(seed);
        Self {
            model: Some(Gpt::new(SHAPE, device)),
            optim: AdamConfig::new().init(),
            loss_fn: CrossEntropyLossConfig::new().init(device),
            text: Corpus::moby_dick().train,
            rng: Rng::stream(seed, 43),
            device: device.clone(),
        }
    }
}

impl Workload for CharTransformer {
    fn step(&mut self) -> Tensor<1> {
        let (x, y) = sequences(&self.text, SHAPE.context, BATCH, &mut self.rng, &self.device);
        let model = self.model.take().expect("model is always put back after a step");
        let logits = model.forward(x).reshape([BATCH * SHAPE.context, SHAPE.vocab]);
        let loss = self.loss_fn.forward(logits, y);
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(1e-3, model, grads));
        loss.inner()
    }
}
