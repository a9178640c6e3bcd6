//! One lane of panel 12's sweep: a job that trains its runs one after another, each a fresh
//! character MLP with Adam and a warmup + cosine schedule sized to the run (Hoffmann et al. 2022
//! matched the cosine cycle to each run's length). At points spaced by factors of two along a run
//! it stops for the held-out loss (`curve_<key>`, x = tokens so far) and at the end records
//! `final_loss_<key>` (x = N). A run whose held-out loss is not finite, or far above a uniform
//! guess, is recorded as `diverged_<key>` and skipped; the lane goes on with the next.

use super::grid::{RunSpec, BATCH, CONTEXT};
use crate::engine::data::text::{windows, Corpus};
use crate::engine::job::{Experiment, Record, StepOutput};
use crate::engine::models::char_mlp::CharMlp;
use crate::engine::rng::Rng;
use crate::engine::schedule::{Kind, Schedule};
use burn::lr_scheduler::module_lr_scheduler::ModuleLrScheduler;
use burn::module::Module;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use std::rc::Rc;

/// Held-out windows every evaluation scores.
pub const VAL_WINDOWS: usize = 2_048;
/// Evaluations per run: at S, S/2, S/4, … steps (S the run's length), the earliest first.
pub const EVALS: u32 = 7;

/// Whether step `at` of a run of `steps` is one at which the held-out loss is measured.
pub fn is_eval_step(steps: u64, at: u64) -> bool {
    at >= 1 && (0..EVALS).any(|k| steps >> k == at)
}

/// A lane's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneConfig {
    /// Which lane (names its per-step series `train_loss_lane_<i>`).
    pub index: usize,
    /// Its runs, in order.
    pub runs: Vec<RunSpec>,
    /// Peak learning rate.
    pub lr: f64,
    /// Seed of every run's weights and batches.
    pub seed: u64,
}

/// The lane.
pub struct Lane {
    cfg: LaneConfig,
    corpus: Rc<Corpus>,
    val: (Tensor<2, Int>, Tensor<1, Int>),
    loss_fn: CrossEntropyLoss,
    /// The run in training (its index) and its steps so far.
    run: usize,
    at: u64,
    model: Option<CharMlp>,
    optim: ModuleOptimizer,
    scheduler: ModuleLrScheduler,
    rng: Rng,
    diverged: bool,
    wait: bool,
    records: Vec<Record>,
    device: Device,
}

impl Lane {
    /// The lane `cfg` on `device`, training on `corpus`.
    pub fn new(cfg: LaneConfig, corpus: Rc<Corpus>, device: &Device) -> Self {
        let val = windows(&corpus.val, CONTEXT, VAL_WINDOWS, &mut Rng::stream(0, 12), device);
        let mut lane = Self {
            corpus,
            val,
            loss_fn: CrossEntropyLossConfig::new().init(device),
            run: 0,
            at: 0,
            model: None,
            optim: AdamConfig::new().init(),
            scheduler: burn::lr_scheduler::constant::ConstantLr::from(cfg.lr).into(),
            rng: Rng::stream(cfg.seed, 12),
            diverged: false,
            wait: false,
            records: Vec::new(),
            device: device.clone(),
            cfg,
        };
        lane.start(0);
        lane
    }

    /// Total steps of all the lane's runs: its job's budget.
    pub fn budget(cfg: &LaneConfig) -> u64 {
        cfg.runs.iter().map(|r| r.steps).sum::<u64>().max(1)
    }

    /// Starts run `i`: fresh weights from the seed, a fresh optimizer and schedule, the same
    /// batch stream at every size.
    fn start(&mut self, i: usize) {
        self.run = i;
        self.at = 0;
        self.diverged = false;
        let Some(r) = self.cfg.runs.get(i).copied() else { return };
        self.model = Some(CharMlp::new(r.shape, self.cfg.seed, &self.device));
        self.optim = AdamConfig::new().init();
        let total = r.steps.max(4) as usize;
        let schedule = Schedule {
            kind: Kind::WarmupCosine,
            peak: self.cfg.lr,
            warmup: (total / 20).max(2),
            total,
            min_ratio: 0.1,
        };
        self.scheduler =
            schedule.burn().unwrap_or_else(|_| burn::lr_scheduler::constant::ConstantLr::from(self.cfg.lr).into());
        self.rng = Rng::stream(self.cfg.seed, 12);
    }

    /// The run in training.
    fn current(&self) -> Option<RunSpec> {
        self.cfg.runs.get(self.run).copied()
    }
}

impl Experiment for Lane {
    fn metric_names(&self) -> Vec<String> {
        vec![format!("train_loss_lane_{}", self.cfg.index)]
    }

    fn train_step(&mut self, _step: u64, _inspect: bool) -> StepOutput {
        if self.current().is_some_and(|r| self.at >= r.steps) {
            self.start(self.run + 1);
        }
        self.at += 1;
        let Some(r) = self.current() else { return skipped(&self.device) };
        let Some(model) = self.model.take().filter(|_| !self.diverged) else { return skipped(&self.device) };
        let (x, y) = windows(&self.corpus.train, CONTEXT, BATCH, &mut self.rng, &self.device);
        let loss = self.loss_fn.forward(model.forward(x), y);
        let lr = self.scheduler.step().base();
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(lr, model, grads));
        self.wait = is_eval_step(r.steps, self.at);
        let m = loss.inner();
        StepOutput { metrics: m.clone().mask_fill(m.is_finite().bool_not(), -1.0), host: Vec::new(), extra: Vec::new() }
    }

    fn waiting(&self) -> bool {
        self.wait
    }

    /// The held-out loss, `[1]`, when the lane waits for it.
    fn snapshot(&mut self) -> Vec<Tensor<1>> {
        match &self.model {
            Some(m) if self.wait => {
                let logits = m.valid().forward(self.val.0.clone().inner());
                vec![self.loss_fn.valid().forward(logits, self.val.1.clone().inner())]
            }
            _ => Vec::new(),
        }
    }

    fn absorb(&mut self, _extra: Vec<Vec<f32>>, snapshot: Vec<Vec<f32>>) {
        let (Some(r), Some(&loss)) = (self.current(), snapshot.first().and_then(|v| v.first())) else { return };
        if !self.wait {
            return;
        }
        self.wait = false;
        let loss = f64::from(loss);
        let key = r.key();
        // A uniform guess scores ln V; a run far above it has left the basin for good.
        if !loss.is_finite() || loss > 2.0 * (r.shape.vocab as f64).ln() {
            self.diverged = true;
            self.records.push(Record { name: format!("diverged_{key}"), x: r.params, y: self.at as f64 });
            return;
        }
        self.records.push(Record { name: format!("curve_{key}"), x: self.at * BATCH as u64, y: loss });
        if self.at == r.steps {
            self.records.push(Record { name: format!("final_loss_{key}"), x: r.params, y: loss });
        }
    }

    fn drain_records(&mut self) -> Vec<Record> {
        std::mem::take(&mut self.records)
    }
}

/// A step of a run that was skipped (it diverged) or of no run: no training, loss −1.
fn skipped(device: &Device) -> StepOutput {
    StepOutput { metrics: Tensor::<1>::from_floats([-1.0], device).inner(), host: Vec::new(), extra: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::backend::cpu_device;
    use crate::panels::scaling_laws::grid::{params, shape};

    fn run(i: usize, steps: u64) -> RunSpec {
        let shape = shape(39, i);
        RunSpec { shape, params: params(shape), budget: 0, steps }
    }

    /// The steps of a run of `steps` at which the held-out loss is measured, ascending.
    fn eval_steps(steps: u64) -> Vec<u64> {
        (1..=steps).filter(|&at| is_eval_step(steps, at)).collect()
    }

    #[test]
    fn evaluations_double_along_a_run() {
        assert_eq!(eval_steps(100), vec![1, 3, 6, 12, 25, 50, 100]);
        assert_eq!(eval_steps(4), vec![1, 2, 4]);
    }

    #[test]
    fn a_diverged_run_is_recorded_and_skipped_and_the_lane_goes_on() {
        let device = cpu_device();
        let cfg = LaneConfig { index: 0, runs: vec![run(0, 4), run(1, 4)], lr: 1e-2, seed: 1 };
        let mut lane = Lane::new(cfg, Rc::new(Corpus::moby_dick()), &device);
        // Step 1 is an evaluation point: the lane waits; a non-finite loss comes back.
        lane.train_step(1, false);
        assert!(lane.waiting());
        lane.absorb(Vec::new(), vec![vec![f32::NAN]]);
        let first = run(0, 4).key();
        assert_eq!(
            lane.drain_records().iter().map(|r| r.name.clone()).collect::<Vec<_>>(),
            [format!("diverged_{first}")]
        );
        // The rest of the run is skipped without waiting; the next run trains and is scored.
        for step in 2..=4 {
            lane.train_step(step, false);
            assert!(!lane.waiting(), "step {step}");
        }
        lane.train_step(5, false);
        assert!(lane.waiting());
        lane.absorb(Vec::new(), vec![vec![3.0]]);
        assert_eq!(lane.drain_records()[0].name, format!("curve_{}", run(1, 4).key()));
    }
}
