//! Panel 08's run: a small GPT ([`Gpt`]) pre-trained on next-token prediction with AdamW and a
//! warm-up + cosine schedule (Burn's schedulers, as panel 04 uses them).
//!
//! Per step it records `train_loss` (one batch's mean cross-entropy over every position, nats per
//! token), `val_loss` (the same on a fixed set of held-out windows, before the step),
//! `bits_per_char` (`val_loss` / ln 2 × tokens / characters of those windows' targets, which puts
//! the character and BPE tokenizers on one scale), and on the host `tokens_seen` and `lr`. At a
//! few log-spaced checkpoints it samples continuations of a fixed prompt on the device, in one
//! batch, and waits for them to come back; its snapshot also carries the weights, which the page
//! loads into the same model to show the next-token distribution after the reader's prompt.

use super::config::PretrainConfig;
use crate::engine::data::bpe::Bpe;
use crate::engine::data::tokens::{sequences, windows_at, Stats, Tokens};
use crate::engine::job::{DivergenceGuard, Experiment, StepOutput};
use crate::engine::models::gpt::Gpt;
use crate::engine::models::sample::generate;
use crate::engine::models::weights::flatten;
use crate::engine::rng::Rng;
use crate::engine::schedule::{Kind, Schedule};
use crate::engine::view::Frame;
use burn::module::Module;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::{AdamWConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// Held-out windows evaluated every step.
pub const VAL_ROWS: usize = 8;
/// Continuations drawn at each checkpoint.
pub const SAMPLE_ROWS: usize = 2;
/// Characters (about) per continuation.
pub const SAMPLE_CHARS: usize = 120;
/// Sampling temperature at the checkpoints.
pub const SAMPLE_TEMP: f64 = 0.8;
/// AdamW's decoupled weight decay (nanoGPT's 0.1).
pub const WEIGHT_DECAY: f32 = 0.1;

/// Text sampled at one checkpoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// The step it was drawn after.
    pub step: u64,
    /// Training tokens seen by then.
    pub tokens: u64,
    /// The continuations.
    pub texts: Vec<String>,
}

/// What the page shows of a run beyond its metrics.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PretrainView {
    /// The tokenizer the run trained (the page splits the reader's prompt with it).
    pub bpe: Bpe,
    /// The corpus's reference entropies.
    pub stats: Stats,
    /// Tokens in the training text (one pass over it).
    pub train_tokens: usize,
    /// The samples so far, oldest first.
    pub checkpoints: Vec<Checkpoint>,
    /// The latest weights read back (as [`flatten`] lists them), at `weights_step`.
    #[serde(with = "crate::engine::wire::f32_lists")]
    pub weights: Vec<Vec<f32>>,
    /// The step the weights are from.
    pub weights_step: u64,
}

/// One pre-training run.
pub struct Pretrain {
    cfg: PretrainConfig,
    model: Option<Gpt>,
    optim: ModuleOptimizer,
    scheduler: burn::lr_scheduler::module_lr_scheduler::ModuleLrScheduler,
    loss_fn: CrossEntropyLoss,
    data: Rc<Tokens>,
    val: (Tensor<2, Int>, Tensor<1, Int>),
    /// ln 2 · characters per held-out token, to turn nats per token into bits per character.
    bits_scale: f32,
    rng: Rng,
    sample_rng: Rng,
    device: Device,
    pending: Option<(u64, Tensor<2, Int>)>,
    /// The last step run (no step runs while a snapshot is in flight, so it is the snapshot's).
    step: u64,
    /// The steps after which text is sampled.
    checkpoints: Vec<u64>,
    state: PretrainView,
    fresh: bool,
}

/// The steps after which text is sampled: the first, then 1/32, 1/8, 1/4, 1/2 and all of the run.
pub fn checkpoints(steps: u64) -> Vec<u64> {
    let mut at: Vec<u64> = [0, 32, 8, 4, 2, 1].iter().map(|&d| steps.checked_div(d).map_or(1, |s| s.max(1))).collect();
    at.dedup();
    at
}

impl Pretrain {
    /// A fresh run on `data` (tokenized for `cfg`).
    pub fn new(data: Rc<Tokens>, cfg: PretrainConfig, device: &Device) -> Self {
        let shape = cfg.shape(data.v());
        let t = shape.context;
        let span = data.val.len().saturating_sub(t + 1);
        let starts: Vec<usize> = (0..VAL_ROWS).map(|i| i * span / VAL_ROWS).collect();
        let targets: Vec<u32> = starts.iter().flat_map(|&s| data.val[s + 1..s + t + 1].iter().copied()).collect();
        let bits_scale = (targets.len() as f64 / data.chars(&targets).max(1) as f64 / std::f64::consts::LN_2) as f32;
        let schedule = Schedule {
            kind: Kind::WarmupCosine,
            peak: cfg.lr,
            warmup: cfg.warmup as usize,
            total: cfg.steps as usize,
            min_ratio: 0.1,
        };
        let scheduler =
            schedule.burn().unwrap_or_else(|_| burn::lr_scheduler::constant::ConstantLr::from(cfg.lr).into());
        Self {
            model: Some(Gpt::seeded(shape, cfg.seed, device)),
            optim: AdamWConfig::new().with_weight_decay(WEIGHT_DECAY).init(),
            scheduler,
            loss_fn: CrossEntropyLossConfig::new().init(device),
            val: windows_at(&data.val, t, &starts, device),
            bits_scale,
            rng: Rng::stream(cfg.seed, 81),
            sample_rng: Rng::stream(cfg.seed, 82),
            device: device.clone(),
            pending: None,
            step: 0,
            checkpoints: checkpoints(cfg.steps),
            state: PretrainView {
                bpe: data.bpe.clone(),
                stats: data.stats(),
                train_tokens: data.train.len(),
                ..PretrainView::default()
            },
            fresh: true,
            data,
            cfg,
        }
    }

    /// What the view is sent: the samples so far and the latest weights.
    pub fn state(&self) -> &PretrainView {
        &self.state
    }

    /// Mean cross-entropy of `model` on inputs `x` against targets `y` at every position.
    fn loss(&self, model: &Gpt, x: Tensor<2, Int>, y: Tensor<1, Int>) -> Tensor<1> {
        let [b, t] = x.dims();
        let logits = model.forward(x).reshape([b * t, self.data.v()]);
        self.loss_fn.forward(logits, y)
    }

    /// Draws the checkpoint's continuations on the device; they come back with the snapshot.
    fn sample(&mut self, step: u64, model: &Gpt) {
        let prompt = self.data.bpe.encode(self.cfg.corpus.prompt());
        let n = ((SAMPLE_CHARS as f64 / self.state.stats.chars_per_token.max(1.0)).ceil() as usize).max(8);
        let context = self.cfg.context;
        let ids = generate(model, &prompt, SAMPLE_ROWS, n, SAMPLE_TEMP, context, &mut self.sample_rng);
        self.pending = Some((step, ids));
    }
}

impl Experiment for Pretrain {
    fn metric_names(&self) -> Vec<String> {
        ["train_loss", "val_loss", "bits_per_char", "tokens_seen", "lr"].map(String::from).to_vec()
    }

    fn train_step(&mut self, step: u64, _inspect: bool) -> StepOutput {
        self.step = step;
        let model = self.model.take().expect("model is always put back after a step");
        let valid = model.valid();
        let val_loss = self.loss(&valid, self.val.0.clone().inner(), self.val.1.clone().inner()); // [1]
        let bits = val_loss.clone().mul_scalar(self.bits_scale);
        let (x, y) = sequences(&self.data.train, self.cfg.context, self.cfg.batch, &mut self.rng, &self.device);
        let loss = self.loss(&model, x, y); // [1]
        let metrics = Tensor::cat(vec![loss.clone().inner(), val_loss, bits], 0);
        let lr = self.scheduler.step().base();
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        let model = self.optim.step(lr, model, grads);
        if self.checkpoints.contains(&step) {
            self.sample(step, &model);
        }
        self.model = Some(model);
        let tokens = step * (self.cfg.batch * self.cfg.context) as u64;
        StepOutput { metrics, host: vec![tokens as f32, lr as f32], extra: Vec::new() }
    }

    fn divergence_guard(&self) -> Option<DivergenceGuard> {
        Some(DivergenceGuard { loss: "train_loss", ratio: 10.0 })
    }

    fn waiting(&self) -> bool {
        self.pending.is_some()
    }

    /// The checkpoint's token ids (when one is waiting), then the weights.
    fn snapshot(&mut self) -> Vec<Tensor<1>> {
        let mut out = Vec::new();
        if let Some((_, ids)) = &self.pending {
            out.push(ids.clone().float().flatten(0, 1));
        }
        out.extend(self.model.as_ref().map(flatten).unwrap_or_default());
        out
    }

    fn absorb(&mut self, _extra: Vec<Vec<f32>>, mut snapshot: Vec<Vec<f32>>) {
        // A snapshot taken while a checkpoint waited carries its ids first (see `snapshot`).
        if self.pending.is_some() && !snapshot.is_empty() {
            let ids: Vec<u32> = snapshot.remove(0).iter().map(|&v| v as u32).collect();
            if let Some((step, _)) = self.pending.take() {
                let per_row = ids.len() / SAMPLE_ROWS;
                let texts = ids.chunks(per_row.max(1)).map(|r| self.data.bpe.decode(r)).collect();
                let tokens = step * (self.cfg.batch * self.cfg.context) as u64;
                self.state.checkpoints.push(Checkpoint { step, tokens, texts });
            }
        }
        if !snapshot.is_empty() {
            self.state.weights = snapshot;
            self.state.weights_step = self.step;
            self.fresh = true;
        }
    }

    /// The samples so far and the latest weights (a [`PretrainView`]).
    fn view(&mut self) -> Option<Frame> {
        std::mem::take(&mut self.fresh).then(|| Frame::encode(&self.state))
    }
}
