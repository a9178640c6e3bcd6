//! Panel 10's training run: one small character transformer trained on a mixture of the four
//! domains, scored every step on each domain's held-out text (`val_loss_<domain>`), with the
//! weights it trained under (`weight_<domain>`). Each sequence's domain is drawn from the weights.
//! Under the online rule the weights move every `UPDATE_EVERY` steps: the run stops, reads back
//! its loss on fixed windows of each domain's training text, and moves weight towards the domains
//! whose loss is furthest above a 3-gram reference's on the same windows, with DoReMi's
//! multiplicative update (Xie et al. 2023, Algorithm 1: there every step, on the proxy's batch).

use super::mix::online_update;
use crate::engine::data::domains::{Domains, K, NAMES};
use crate::engine::data::ngram::Trigram;
use crate::engine::data::tokens::windows_at;
use crate::engine::job::{DivergenceGuard, Experiment, StepOutput};
use crate::engine::models::gpt::{Gpt, GptShape};
use crate::engine::rng::Rng;
use crate::engine::schedule::{Kind as Sched, Schedule};
use burn::lr_scheduler::module_lr_scheduler::ModuleLrScheduler;
use burn::module::Module;
use burn::optim::{AdamWConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use burn::tensor::activation::log_softmax;
use std::rc::Rc;

/// The model: two blocks, width 48, 32 characters of context, over the 51 symbols.
pub const SHAPE: GptShape = GptShape { vocab: 51, context: 32, layers: 2, heads: 4, d_model: 48, d_ff: 192 };
/// Sequences per batch.
pub const BATCH: usize = 16;
/// Held-out windows per domain.
pub const EVAL_ROWS: usize = 8;
/// Steps between two updates of the online rule's weights.
pub const UPDATE_EVERY: u64 = 20;
/// Training windows per domain on which the online rule measures its excess loss.
pub const PROBE_ROWS: usize = 8;
/// Peak learning rate (warm-up over a tenth of the run, cosine to a tenth).
pub const LR: f64 = 5e-3;

/// Fixed weights, or the online rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    /// Each sequence's domain drawn from these weights.
    Fixed([f64; K]),
    /// Weights that follow the excess loss over a reference, from uniform.
    Online,
}

/// A run's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MixConfig {
    /// How the domains are weighted.
    pub rule: Rule,
    /// Optimizer steps.
    pub steps: u64,
    /// Seed of the weights and the batches.
    pub seed: u64,
}

/// One run.
pub struct MixRun {
    model: Option<Gpt>,
    optim: ModuleOptimizer,
    scheduler: ModuleLrScheduler,
    domains: Rc<Domains>,
    eval: (Tensor<2, Int>, Tensor<1, Int>),
    /// The weights the next batches are drawn with.
    weights: [f64; K],
    /// The online rule's state: its log-weights before smoothing, its probe windows and the
    /// reference's loss on them; `None` for a fixed mixture.
    online: Option<Online>,
    /// Whether the run waits for its probe losses (the online rule's update).
    wait: bool,
    prefix: &'static str,
    rng: Rng,
    device: Device,
}

/// The online rule's state.
struct Online {
    log_alpha: [f64; K],
    probe: (Tensor<2, Int>, Tensor<1, Int>),
    reference: [f64; K],
}

/// `rows` windows spread evenly over each domain's `texts`, stacked domain by domain.
fn spread(texts: &[Vec<u32>], rows: usize, device: &Device) -> (Tensor<2, Int>, Tensor<1, Int>) {
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for t in texts {
        let (x, y) = windows_at(t, SHAPE.context, &starts(t, rows), device);
        xs.push(x);
        ys.push(y);
    }
    (Tensor::cat(xs, 0), Tensor::cat(ys, 0))
}

fn starts(t: &[u32], rows: usize) -> Vec<usize> {
    let span = t.len().saturating_sub(SHAPE.context + 1);
    (0..rows).map(|i| i * span / rows).collect()
}

/// `rows` windows of each domain's held-out text halfway between the chart's.
fn probe_starts(t: &[u32], rows: usize) -> Vec<usize> {
    let half = t.len().saturating_sub(SHAPE.context + 1) / (2 * rows.max(1));
    starts(t, rows).into_iter().map(|s| s + half).collect()
}

/// Each domain's 3-gram (counted from its training text) scored on windows of its held-out text
/// at `starts(text)`: the reference loss.
pub fn reference(domains: &Domains, starts: impl Fn(&[u32]) -> Vec<usize>) -> [f64; K] {
    let t = SHAPE.context;
    std::array::from_fn(|d| {
        let text = &domains.val[d];
        let gram = Trigram::count(&domains.train[d], domains.v());
        let at = |j: usize| text.get(j).copied().unwrap_or(0);
        let s = starts(text);
        let nll: f64 = s
            .iter()
            .map(|&a| {
                let (x, y): (Vec<u32>, Vec<u32>) = (a..a + t).map(|j| (at(j), at(j + 1))).unzip();
                gram.window_nll(&x, &y)
            })
            .sum();
        nll / s.len().max(1) as f64
    })
}

/// The 3-gram reference on the windows the chart scores (`val_loss_<domain>`).
pub fn chart_reference(domains: &Domains) -> [f64; K] {
    reference(domains, |t| starts(t, EVAL_ROWS))
}

/// [`chart_reference`], computed once per page (the texts are tokenized and counted once, not at
/// every mount of the panel).
pub fn chart_reference_once() -> [f64; K] {
    static REFERENCE: std::sync::OnceLock<[f64; K]> = std::sync::OnceLock::new();
    *REFERENCE.get_or_init(|| chart_reference(&Domains::load()))
}

impl Online {
    /// Probe windows of every domain's held-out text (not those the chart scores), and the
    /// 3-gram reference's loss on them.
    fn new(domains: &Domains, device: &Device) -> Self {
        let (mut xs, mut ys) = (Vec::new(), Vec::new());
        for text in &domains.val {
            let (x, y) = windows_at(text, SHAPE.context, &probe_starts(text, PROBE_ROWS), device);
            xs.push(x);
            ys.push(y);
        }
        let reference = reference(domains, |t| probe_starts(t, PROBE_ROWS));
        Self { log_alpha: [(1.0 / K as f64).ln(); K], probe: (Tensor::cat(xs, 0), Tensor::cat(ys, 0)), reference }
    }
}

/// Mean negative log-likelihood of every target, `[rows · context]`.
fn token_nll(model: &Gpt, x: Tensor<2, Int>, y: Tensor<1, Int>) -> Tensor<1> {
    let [b, t] = x.dims();
    let logp = log_softmax(model.forward(x).reshape([b * t, SHAPE.vocab]), 1);
    logp.gather(1, y.reshape([b * t, 1])).reshape([b * t]).neg()
}

impl MixRun {
    /// The run `cfg` on `device`, its series named `<prefix><name>` (`""` or `"sweep_"`).
    pub fn new(cfg: MixConfig, domains: Rc<Domains>, prefix: &'static str, device: &Device) -> Self {
        let steps = cfg.steps.max(4) as usize;
        let schedule =
            Schedule { kind: Sched::WarmupCosine, peak: LR, warmup: (steps / 10).max(2), total: steps, min_ratio: 0.1 };
        let scheduler = schedule.burn().unwrap_or_else(|_| burn::lr_scheduler::constant::ConstantLr::from(LR).into());
        let (weights, online) = match cfg.rule {
            Rule::Fixed(w) => (w, None),
            Rule::Online => ([1.0 / K as f64; K], Some(Online::new(&domains, device))),
        };
        Self {
            model: Some(Gpt::seeded(SHAPE, cfg.seed, device)),
            optim: AdamWConfig::new().with_weight_decay(0.1).init(),
            scheduler,
            eval: spread(&domains.val, EVAL_ROWS, device),
            weights,
            online,
            wait: false,
            prefix,
            rng: Rng::stream(cfg.seed, 0x10),
            domains,
            device: device.clone(),
        }
    }

    /// Each row's domain, drawn from the weights; sorted by domain.
    fn row_domains(&mut self) -> Vec<usize> {
        let w = self.weights;
        let last = w.iter().rposition(|&p| p > 0.0).unwrap_or(0);
        let mut rows: Vec<usize> = (0..BATCH)
            .map(|_| {
                let u = self.rng.uniform();
                let mut acc = 0.0;
                w.iter()
                    .position(|&p| {
                        acc += p;
                        u < acc
                    })
                    .unwrap_or(last)
            })
            .collect();
        rows.sort_unstable();
        rows
    }

    /// A batch: windows from each row's domain.
    fn batch(&mut self, rows: &[usize]) -> (Tensor<2, Int>, Tensor<1, Int>) {
        let (t, b) = (SHAPE.context, rows.len());
        let (mut xs, mut ys) = (Vec::with_capacity(b * t), Vec::with_capacity(b * t));
        for &d in rows {
            let train = &self.domains.train[d];
            let span = train.len().saturating_sub(t + 1).max(1);
            let start = (self.rng.next_u64() % span as u64) as usize;
            let at = |j: usize| train.get(j).copied().unwrap_or(0);
            xs.extend((start..start + t).map(|j| i64::from(at(j))));
            ys.extend((start..start + t).map(|j| i64::from(at(j + 1))));
        }
        let x = Tensor::from_data(TensorData::new(xs, [b, t]), &self.device);
        let y = Tensor::from_data(TensorData::new(ys, [b * t]), &self.device);
        (x, y)
    }

    /// Each domain's mean loss over `windows` (`rows` per domain, stacked), `[K]`.
    fn per_domain(model: &Gpt, windows: &(Tensor<2, Int>, Tensor<1, Int>), rows: usize) -> Tensor<1> {
        let (x, y) = windows.clone();
        token_nll(model, x.inner(), y.inner()).reshape([K, rows * SHAPE.context]).mean_dim(1).reshape([K])
    }
}

/// A run's series, in step-vector order: each domain's held-out loss, each domain's weight, their
/// mean and worst, and the training loss, all named `<prefix><name>`.
pub fn names(p: &str) -> Vec<String> {
    let mut names: Vec<String> = NAMES.iter().map(|d| format!("{p}val_loss_{d}")).collect();
    names.extend(NAMES.iter().map(|d| format!("{p}weight_{d}")));
    names.extend(["val_loss_mean", "val_loss_worst", "train_loss"].map(|n| format!("{p}{n}")));
    names
}

impl Experiment for MixRun {
    fn metric_names(&self) -> Vec<String> {
        names(self.prefix)
    }

    fn train_step(&mut self, step: u64, _inspect: bool) -> StepOutput {
        let model = self.model.take().expect("model is always put back after a step");
        let val = Self::per_domain(&model.valid(), &self.eval, EVAL_ROWS);
        let weights = Tensor::<1>::from_floats(self.weights.map(|x| x as f32), &self.device).inner();
        let rows = self.row_domains();
        let (x, y) = self.batch(&rows);
        let loss = token_nll(&model, x, y).mean();
        let metrics = Tensor::cat(vec![val.clone(), weights, val.clone().mean(), val.max(), loss.clone().inner()], 0);
        let lr = self.scheduler.step().base();
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(lr, model, grads));
        self.wait = self.online.is_some() && step.is_multiple_of(UPDATE_EVERY);
        StepOutput { metrics, host: Vec::new(), extra: Vec::new() }
    }

    fn waiting(&self) -> bool {
        self.wait
    }

    /// The online rule's probe losses, `[K]`, when it waits for them.
    fn snapshot(&mut self) -> Vec<Tensor<1>> {
        match (&self.online, &self.model) {
            (Some(o), Some(m)) if self.wait => vec![Self::per_domain(&m.valid(), &o.probe, PROBE_ROWS)],
            _ => Vec::new(),
        }
    }

    /// Moves the weights by the excess of the probe losses over the reference's.
    fn absorb(&mut self, _extra: Vec<Vec<f32>>, snapshot: Vec<Vec<f32>>) {
        let (Some(o), Some(probe)) = (self.online.as_mut(), snapshot.first()) else { return };
        if !self.wait || probe.len() != K || probe.iter().any(|x| !x.is_finite()) {
            return;
        }
        let excess = std::array::from_fn(|d| f64::from(probe[d]) - o.reference[d]);
        let (log, w) = online_update(o.log_alpha, excess);

        (o.log_alpha, self.weights, self.wait) = (log, w, false);
    }

    fn divergence_guard(&self) -> Option<DivergenceGuard> {
        let loss = if self.prefix.is_empty() { "train_loss" } else { "sweep_train_loss" };
        Some(DivergenceGuard { loss, ratio: 10.0 })
    }
}
