//! Panel 01's training run: a character MLP language model ([`CharMlp`]) trained with Adam on
//! *Moby-Dick* (chapters 1–10), with or without label smoothing.
//!
//! Per step it records `train_loss` (the objective being minimised: cross-entropy against the
//! smoothed target when smoothing is on) and `val_loss` (plain cross-entropy on a fixed batch of
//! held-out text, before the step). Its snapshot is the model's weights, read back so the view can
//! sample text on the host.

use crate::engine::data::text::{windows, Corpus};
use crate::engine::job::{DivergenceGuard, Experiment, StepOutput};
pub use crate::engine::models::char_lm::{shape, BATCH, CONTEXT, VAL_BATCH};
use crate::engine::models::char_mlp::{CharMlp, HostCharMlp};
use crate::engine::rng::Rng;
use crate::engine::view::Frame;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use std::rc::Rc;

/// What a run is built from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LmConfig {
    /// Adam's learning rate.
    pub lr: f64,
    /// Label smoothing α, if on.
    pub smoothing: Option<f64>,
    /// Seed of the weights and of the batch order.
    pub seed: u64,
}

/// One language-model training run.
pub struct CharLm {
    model: Option<CharMlp>,
    optim: ModuleOptimizer,
    loss_fn: CrossEntropyLoss,
    plain: CrossEntropyLoss,
    corpus: Rc<Corpus>,
    rng: Rng,
    val: (Tensor<2, Int>, Tensor<1, Int>),
    lr: f64,
    device: Device,
    /// The weights as last read back (for sampling), once a snapshot has come back.
    pub host: Option<HostCharMlp>,
    fresh: bool,
}

impl CharLm {
    /// A fresh model on `corpus`.
    pub fn new(corpus: Rc<Corpus>, cfg: LmConfig, device: &Device) -> Self {
        let mut val_rng = Rng::stream(0, 11); // the same held-out batch for every run
        let val = windows(&corpus.val, CONTEXT, VAL_BATCH, &mut val_rng, device);
        let smoothing = cfg.smoothing.filter(|a| *a > 0.0).map(|a| a.clamp(0.0, 1.0) as f32);
        Self {
            model: Some(CharMlp::new(shape(&corpus), cfg.seed, device)),
            optim: AdamConfig::new().init(),
            loss_fn: CrossEntropyLossConfig::new().with_smoothing(smoothing).init(device),
            plain: CrossEntropyLossConfig::new().init(device),
            rng: Rng::stream(cfg.seed, 12),
            corpus,
            val,
            lr: cfg.lr,
            device: device.clone(),
            host: None,
            fresh: false,
        }
    }
}

impl Experiment for CharLm {
    fn metric_names(&self) -> Vec<String> {
        vec!["train_loss".into(), "val_loss".into()]
    }

    fn train_step(&mut self, _step: u64, _inspect: bool) -> StepOutput {
        let model = self.model.take().expect("model is always put back after a step");
        let valid = model.valid();
        let val_logits = valid.forward(self.val.0.clone().inner()); // [VAL_BATCH, V], no autodiff graph
        let val_loss = self.plain.forward(val_logits, self.val.1.clone().inner()); // [1]
        let (x, y) = windows(&self.corpus.train, CONTEXT, BATCH, &mut self.rng, &self.device);
        let loss = self.loss_fn.forward(model.forward(x), y); // [1]
        let metrics = Tensor::cat(vec![loss.clone().inner(), val_loss], 0);
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(self.lr, model, grads));
        StepOutput { metrics, host: Vec::new(), extra: Vec::new() }
    }

    fn snapshot(&mut self) -> Vec<Tensor<1>> {
        self.model.as_ref().map(|m| m.parts()).unwrap_or_default()
    }

    fn divergence_guard(&self) -> Option<DivergenceGuard> {
        Some(DivergenceGuard { loss: "train_loss", ratio: 10.0 })
    }

    fn absorb(&mut self, _extra: Vec<Vec<f32>>, snapshot: Vec<Vec<f32>>) {
        if !snapshot.is_empty() {
            self.host = HostCharMlp::from_parts(shape(&self.corpus), snapshot);
            self.fresh = true;
        }
    }

    /// The read-back weights (a [`HostCharMlp`]), which the view samples text from.
    fn view(&mut self) -> Option<Frame> {
        std::mem::take(&mut self.fresh).then(|| self.host.as_ref().map(Frame::encode)).flatten()
    }
}
