//! Panel 09's payoff: the same small character transformer trained for the same steps on the raw
//! crawl and on the curated one, each scored every step on the same held-out clean text
//! (`val_loss_raw`, `val_loss_curated`). The raw run also tracks its loss on fixed windows of the
//! documents the crawl copied many times (`loss_duplicated`) and of clean documents it holds once
//! (`loss_unique`): repeated text is memorised, and its loss falls far below the rest.

use super::classifier::ClassifierRun;
use super::facts::{facts, funnel, Lsh, Stages};
use crate::engine::backend::cpu_device;
use crate::engine::data::bpe::Bpe;
use crate::engine::data::curation::crawl::Crawl;
use crate::engine::data::curation::Kind;
use crate::engine::data::text::MOBY_DICK;
use crate::engine::data::tokens::{sequences, windows_at};
use crate::engine::experiment::Record;
use crate::engine::job::{DivergenceGuard, Experiment, StepOutput};
use crate::engine::models::gpt::{Gpt, GptShape};
use crate::engine::rng::Rng;
use crate::engine::schedule::{Kind as Sched, Schedule};
use burn::lr_scheduler::module_lr_scheduler::ModuleLrScheduler;
use burn::module::Module;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::{AdamWConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;

/// The model: two blocks, width 48, 32 characters of context.
pub const SHAPE: GptShape = GptShape { vocab: 39, context: 32, layers: 2, heads: 4, d_model: 48, d_ff: 192 };
/// Sequences per batch.
pub const BATCH: usize = 16;
/// Windows per evaluation set.
pub const EVAL_ROWS: usize = 6;
/// Peak learning rate (warm-up over a tenth of the run, cosine to a tenth).
pub const LR: f64 = 5e-3;

/// Which crawl a run trains on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Which {
    /// Everything.
    Raw,
    /// What the stages keep.
    Curated(Stages),
}

/// A run's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LmConfig {
    /// The crawl's noise share.
    pub noise: f64,
    /// MinHash settings.
    pub lsh: Lsh,
    /// Raw or curated.
    pub which: Which,
    /// Optimizer steps.
    pub steps: u64,
    /// Seed of the crawl, the weights and the batches.
    pub seed: u64,
}

/// The documents a run trains on, and for a curated run the funnel's documents kept after each
/// stage.
fn curate(crawl: &Crawl, cfg: &LmConfig) -> (Vec<String>, Vec<usize>) {
    let Which::Curated(stages) = cfg.which else {
        return (crawl.docs.iter().map(|d| d.text.clone()).collect(), Vec::new());
    };
    let (f, _) = facts(crawl, cfg.lsh, cfg.seed);
    let scores = stages.classifier.then(|| {
        let reference: Vec<&str> = crawl.reference.iter().map(String::as_str).collect();
        let docs: Vec<&str> = crawl.docs.iter().map(|d| d.text.as_str()).collect();
        ClassifierRun::new(&reference, &docs, &cpu_device()).train_now()
    });
    let (funnel, keep) = funnel(&f, &stages, scores.as_deref());
    let docs = crawl.docs.iter().zip(keep).filter(|(_, k)| *k).map(|(d, _)| d.text.clone()).collect();
    (docs, funnel.iter().map(|s| s.docs).collect())
}

/// One run.
pub struct CrawlLm {
    model: Option<Gpt>,
    optim: ModuleOptimizer,
    scheduler: ModuleLrScheduler,
    loss_fn: CrossEntropyLoss,
    train: Vec<u32>,
    evals: Vec<(Tensor<2, Int>, Tensor<1, Int>)>,
    names: Vec<String>,
    train_name: &'static str,
    /// The funnel's `docs_kept` points, recorded once.
    records: Vec<Record>,
    kept: Option<usize>,
    rng: Rng,
    device: Device,
}

/// `EVAL_ROWS` windows spread over `tokens`.
fn spread(tokens: &[u32], device: &Device) -> (Tensor<2, Int>, Tensor<1, Int>) {
    let span = tokens.len().saturating_sub(SHAPE.context + 1);
    let starts: Vec<usize> = (0..EVAL_ROWS).map(|i| i * span / EVAL_ROWS).collect();
    windows_at(tokens, SHAPE.context, &starts, device)
}

impl CrawlLm {
    /// The run `cfg` on `device`.
    pub fn new(cfg: LmConfig, device: &Device) -> Self {
        let crawl = Crawl::build(cfg.noise, cfg.seed);
        let chars = Bpe::train(MOBY_DICK, 0); // the 39 symbols, no merges
        let join = |docs: &[String]| chars.encode(&docs.join("\n\n"));
        let (docs, funnel) = curate(&crawl, &cfg);
        let train = join(&docs);
        let records = funnel
            .iter()
            .enumerate()
            .map(|(i, &n)| Record { name: "docs_kept".into(), x: i as u64, y: n as f64 })
            .collect();
        let mut evals = vec![spread(&join(&crawl.val), device)];
        let mut names = vec![match cfg.which {
            Which::Raw => "val_loss_raw".to_string(),
            Which::Curated(_) => "val_loss_curated".to_string(),
        }];
        if cfg.which == Which::Raw {
            let popular: Vec<String> = crawl
                .popular
                .iter()
                .filter_map(|&f| crawl.docs.iter().find(|d| d.family == Some(f)).map(|d| d.text.clone()))
                .collect();
            let unique: Vec<String> = crawl
                .docs
                .iter()
                .filter(|d| d.kind == Kind::Clean && d.family.is_none())
                .take(12)
                .map(|d| d.text.clone())
                .collect();
            evals.push(spread(&join(&popular), device));
            evals.push(spread(&join(&unique), device));
            names.extend(["loss_duplicated".to_string(), "loss_unique".to_string()]);
        }
        let steps = cfg.steps.max(4) as usize;
        let schedule =
            Schedule { kind: Sched::WarmupCosine, peak: LR, warmup: (steps / 10).max(2), total: steps, min_ratio: 0.1 };
        let scheduler = schedule.burn().unwrap_or_else(|_| burn::lr_scheduler::constant::ConstantLr::from(LR).into());
        Self {
            model: Some(Gpt::seeded(SHAPE, cfg.seed, device)),
            optim: AdamWConfig::new().with_weight_decay(0.1).init(),
            scheduler,
            loss_fn: CrossEntropyLossConfig::new().init(device),
            train,
            evals,
            names,
            kept: funnel.last().copied(),
            records,
            train_name: if cfg.which == Which::Raw { "train_loss_raw" } else { "train_loss_curated" },
            rng: Rng::stream(cfg.seed, 93),
            device: device.clone(),
        }
    }

    /// Documents a curated run trains on.
    pub fn kept_docs(&self) -> Option<usize> {
        self.kept
    }

    /// Characters the run trains on.
    pub fn train_len(&self) -> usize {
        self.train.len()
    }

    fn loss(&self, model: &Gpt, x: Tensor<2, Int>, y: Tensor<1, Int>) -> Tensor<1> {
        let [b, t] = x.dims();
        self.loss_fn.forward(model.forward(x).reshape([b * t, SHAPE.vocab]), y)
    }
}

impl Experiment for CrawlLm {
    fn metric_names(&self) -> Vec<String> {
        let mut n = self.names.clone();
        n.push(self.train_name.into());
        n
    }

    fn train_step(&mut self, _step: u64, _inspect: bool) -> StepOutput {
        let model = self.model.take().expect("model is always put back after a step");
        let valid = model.valid();
        let mut metrics: Vec<Tensor<1>> =
            self.evals.iter().map(|(x, y)| self.loss(&valid, x.clone().inner(), y.clone().inner())).collect();
        let (x, y) = sequences(&self.train, SHAPE.context, BATCH, &mut self.rng, &self.device);
        let loss = self.loss(&model, x, y);
        metrics.push(loss.clone().inner());
        let lr = self.scheduler.step().base();
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(lr, model, grads));
        StepOutput { metrics: Tensor::cat(metrics, 0), host: Vec::new(), extra: Vec::new() }
    }

    /// A curated run's funnel, `docs_kept` at x = stage (0 the raw crawl … 4 the classifier).
    fn drain_records(&mut self) -> Vec<Record> {
        std::mem::take(&mut self.records)
    }

    fn divergence_guard(&self) -> Option<DivergenceGuard> {
        Some(DivergenceGuard { loss: self.train_name, ratio: 10.0 })
    }
}
