//! Panel 14's training run: (a + b) mod p learned by a [`PairMlp`] with AdamW, full batch, on a
//! fixed random share of all p² pairs; the rest is the validation set.
//!
//! The setting follows Power et al. 2022 ("Grokking: Generalization Beyond Overfitting on Small
//! Algorithmic Datasets") and PAIR's explorable (an MLP, p = 67, 40% training data, weight decay 1);
//! Nanda et al. 2023 ("Progress measures for grokking via mechanistic interpretability") use
//! p = 113, 30% training data, weight decay 1 and AdamW's β = (0.9, 0.98), as here.
//!
//! Per step it records `train_loss`, `train_acc` (of the full-batch forward pass the step trains
//! on), `val_loss`, `val_acc` (all held-out pairs, before the step) and `weight_norm` (‖θ‖₂).
//! Accuracies are fractions in [0, 1]. With `compare` on, a second model from the same initial
//! weights trains beside it with λ = 0, recorded under the same names prefixed `nodecay_`. Its
//! snapshot is each model's embedding matrix, whose Fourier spectrum the view draws.

use super::spectrum::Spectrum;
use crate::engine::data::modular::addition_rows;
pub use crate::engine::data::modular::{split, Pair};
use crate::engine::job::{DivergenceGuard, Experiment, StepOutput};
use crate::engine::models::pair_mlp::PairMlp;
use crate::engine::view::Frame;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::{AdamWConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;

/// Embedding width.
pub const EMBED: usize = 32;
/// AdamW's second-moment decay, as in Nanda et al. 2023.
pub const BETA_2: f32 = 0.98;

/// What a run is built from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GrokConfig {
    /// The modulus p (and vocabulary size).
    pub p: usize,
    /// Share of the p² pairs used for training.
    pub train_frac: f64,
    /// Hidden width.
    pub hidden: usize,
    /// AdamW's learning rate.
    pub lr: f64,
    /// AdamW's decoupled weight decay λ.
    pub weight_decay: f64,
    /// Seed of the split and the weights.
    pub seed: u64,
    /// Also train a copy with λ = 0 (when λ > 0).
    pub compare: bool,
}

/// Prefix of the λ = 0 comparison run's series.
pub const NODECAY: &str = "nodecay_";

fn tensors(pairs: &[Pair], p: usize, device: &Device) -> (Tensor<2, Int>, Tensor<1, Int>) {
    let (x, y) = addition_rows(pairs, p);
    let n = pairs.len();
    (Tensor::from_data(TensorData::new(x, [n, 2]), device), Tensor::from_data(TensorData::new(y, [n]), device))
}

/// Share of rows whose arg-max is the label, `[1]`.
fn accuracy(logits: Tensor<2>, y: Tensor<1, Int>) -> Tensor<1> {
    let n = y.dims()[0];
    logits.argmax(1).reshape([n]).equal(y).float().mean()
}

/// One model with its optimizer.
struct Run {
    model: Option<PairMlp>,
    optim: ModuleOptimizer,
    lr: f64,
}

impl Run {
    fn new(cfg: &GrokConfig, weight_decay: f64, device: &Device) -> Self {
        let optim = AdamWConfig::new().with_beta_2(BETA_2).with_weight_decay(weight_decay as f32).init();
        Self { model: Some(PairMlp::new(cfg.p, EMBED, cfg.hidden, cfg.seed, device)), optim, lr: cfg.lr }
    }

    /// One full-batch step; returns `[train_loss, train_acc, val_loss, val_acc, weight_norm]`.
    fn step(&mut self, loss_fn: &CrossEntropyLoss, train: &Pairs, val: &Pairs) -> Tensor<1> {
        let model = self.model.take().expect("model is always put back after a step");
        let val_logits = model.valid().forward(val.0.clone().inner()); // [n_val, p]
        let val_loss = loss_fn.valid().forward(val_logits.clone(), val.1.clone().inner()); // [1]
        let val_acc = accuracy(val_logits, val.1.clone().inner());
        let norm = model.weight_norm();
        let logits = model.forward(train.0.clone()); // [n_train, p]
        let train_acc = accuracy(logits.clone().inner(), train.1.clone().inner());
        let loss = loss_fn.forward(logits, train.1.clone()); // [1]
        let metrics = Tensor::cat(vec![loss.clone().inner(), train_acc, val_loss, val_acc, norm], 0);
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(self.lr, model, grads));
        metrics
    }
}

type Pairs = (Tensor<2, Int>, Tensor<1, Int>);

/// The series each run records, in step-vector order.
pub const SERIES: [&str; 5] = ["train_loss", "train_acc", "val_loss", "val_acc", "weight_norm"];

/// The spectra the view draws.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GrokView {
    /// The run's embedding spectrum.
    pub spectrum: Option<Spectrum>,
    /// The λ = 0 comparison's.
    pub nodecay_spectrum: Option<Spectrum>,
}

/// One grokking run (and its λ = 0 comparison, if asked for).
pub struct Grok {
    runs: Vec<Run>,
    /// The prefix of each run's series.
    prefixes: Vec<&'static str>,
    loss_fn: CrossEntropyLoss,
    train: Pairs,
    val: Pairs,
    cfg: GrokConfig,
    /// The embedding's Fourier spectrum, from the last snapshot read back.
    pub spectrum: Option<Spectrum>,
    /// The same for the λ = 0 comparison run.
    pub nodecay_spectrum: Option<Spectrum>,
    fresh: bool,
}

impl Grok {
    /// A fresh run.
    pub fn new(cfg: GrokConfig, device: &Device) -> Self {
        let mut runs = vec![Run::new(&cfg, cfg.weight_decay, device)];
        let mut prefixes = vec![""];
        if cfg.compare && cfg.weight_decay > 0.0 {
            runs.push(Run::new(&cfg, 0.0, device));
            prefixes.push(NODECAY);
        }
        Self::with_runs(cfg, runs, prefixes, device)
    }

    /// The λ = 0 comparison alone, from the same initial weights and split, its series prefixed
    /// [`NODECAY`]: the page trains it as a job of its own, so that another core can take it.
    pub fn nodecay(cfg: GrokConfig, device: &Device) -> Self {
        Self::with_runs(cfg, vec![Run::new(&cfg, 0.0, device)], vec![NODECAY], device)
    }

    fn with_runs(cfg: GrokConfig, runs: Vec<Run>, prefixes: Vec<&'static str>, device: &Device) -> Self {
        let (train, val) = split(cfg.p, cfg.train_frac, cfg.seed);
        Self {
            runs,
            prefixes,
            loss_fn: CrossEntropyLossConfig::new().init(device),
            train: tensors(&train, cfg.p, device),
            val: tensors(&val, cfg.p, device),
            cfg,
            spectrum: None,
            nodecay_spectrum: None,
            fresh: false,
        }
    }
}

impl Experiment for Grok {
    fn metric_names(&self) -> Vec<String> {
        self.prefixes.iter().flat_map(|pre| SERIES.map(|s| format!("{pre}{s}"))).collect()
    }

    fn train_step(&mut self, _step: u64, _inspect: bool) -> StepOutput {
        let (loss_fn, train, val) = (&self.loss_fn, &self.train, &self.val);
        let rows: Vec<Tensor<1>> = self.runs.iter_mut().map(|r| r.step(loss_fn, train, val)).collect();
        StepOutput { metrics: Tensor::cat(rows, 0), host: Vec::new(), extra: Vec::new() }
    }

    fn snapshot(&mut self) -> Vec<Tensor<1>> {
        let embeds = self.runs.iter().filter_map(|r| r.model.as_ref());
        embeds.map(|m| m.embed.val().inner().flatten(0, 1)).collect()
    }

    fn divergence_guard(&self) -> Option<DivergenceGuard> {
        // Only the run at the chosen λ is watched, as when both trained in one job: the λ = 0
        // comparison stops on NaN alone.
        (self.prefixes.first() != Some(&NODECAY)).then_some(DivergenceGuard { loss: "train_loss", ratio: 10.0 })
    }

    fn absorb(&mut self, _extra: Vec<Vec<f32>>, snapshot: Vec<Vec<f32>>) {
        let mut spectra = snapshot.iter().map(|e| Spectrum::of_embedding(e, self.cfg.p, EMBED));
        if let Some(s) = spectra.next() {
            self.spectrum = s;
            self.nodecay_spectrum = spectra.next().flatten();
            self.fresh = true;
        }
    }

    fn view(&mut self) -> Option<Frame> {
        let (spectrum, nodecay_spectrum) = (self.spectrum.clone(), self.nodecay_spectrum.clone());
        std::mem::take(&mut self.fresh).then(|| Frame::encode(&GrokView { spectrum, nodecay_spectrum }))
    }
}
