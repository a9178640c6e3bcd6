//! W3: nanoGPT's CPU shakespeare-char shape, trained with Adam on *Moby-Dick* characters (the
//! vocabulary is sized 65 as in that configuration; the text uses 39 of them).

use super::Workload;
use crate::engine::data::text::Corpus;
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

    /// `BATCH` random windows of `context + 1` characters: inputs and next-character targets.
    fn batch(&mut self) -> (Tensor<2, Int>, Tensor<1, Int>) {
        let t = SHAPE.context;
        let span = self.text.len() - t - 1;
        let (mut xs, mut ys) = (Vec::with_capacity(BATCH * t), Vec::with_capacity(BATCH * t));
        for _ in 0..BATCH {
            let at = (self.rng.next_u64() % span as u64) as usize;
            xs.extend(self.text[at..at + t].iter().map(|&c| i64::from(c)));
            ys.extend(self.text[at + 1..at + t + 1].iter().map(|&c| i64::from(c)));
        }
        let x = Tensor::from_data(TensorData::new(xs, [BATCH, t]), &self.device);
        let y = Tensor::from_data(TensorData::new(ys, [BATCH * t]), &self.device);
        (x, y)
    }
}

impl Workload for CharTransformer {
    fn step(&mut self) -> Tensor<1> {
        let (x, y) = self.batch();
        let model = self.model.take().expect("model is always put back after a step");
        let logits = model.forward(x).reshape([BATCH * SHAPE.context, SHAPE.vocab]);
        let loss = self.loss_fn.forward(logits, y);
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(1e-3, model, grads));
        loss.inner()
    }
}
