//! One model of panel 13's family: an MLP (two ReLU layers of width h) that reads both operands and
//! writes every answer digit at once, trained with Adam on fresh problems. At its last step it
//! waits for its log-probabilities on a fixed test set and records its scores at x = N, under
//! names made from N: `exact_match_n<N>`, `token_acc_n<N>`, `answer_logprob_n<N>`,
//! `edit_distance_n<N>`, `exact_len<j>_n<N>` and `acc_pos<i>_n<N>`.

use super::scores::Scores;
use super::task::{answer_len, batch, inputs};
use crate::engine::job::{Experiment, Record, StepOutput};
use crate::engine::models::mlp::{Activation, Mlp};
use crate::engine::rng::Rng;
use burn::module::Module;
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use burn::tensor::activation::log_softmax;

/// Problems per step.
pub const BATCH: usize = 128;
/// Test problems every model is scored on (the same for every size).
pub const TEST: usize = 1_000;
/// Adam's learning rate.
pub const LR: f64 = 3e-3;

/// One model's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SizeConfig {
    /// Which size (names its per-step series `train_loss_size_<i>`).
    pub index: usize,
    /// Operand digits k.
    pub digits: usize,
    /// Hidden width h.
    pub width: usize,
    /// Training steps.
    pub steps: u64,
    /// Seed of the weights and problems.
    pub seed: u64,
}

/// Parameters of the MLP: (2k·10 + 1)·h + (h + 1)·h + (h + 1)·(k+1)·10.
pub fn params(k: usize, h: usize) -> u64 {
    ((inputs(k) + 1) * h + (h + 1) * h + (h + 1) * answer_len(k) * 10) as u64
}

/// The model and its training.
pub struct SizeRun {
    cfg: SizeConfig,
    model: Option<Mlp>,
    optim: ModuleOptimizer,
    rng: Rng,
    test: (Tensor<2>, Vec<i64>),
    wait: bool,
    records: Vec<Record>,
    device: Device,
}

impl SizeRun {
    /// The model `cfg` on `device`.
    pub fn new(cfg: SizeConfig, device: &Device) -> Self {
        let k = cfg.digits;
        let (x, y) = batch(k, TEST, &mut Rng::stream(0, 13));
        let test = (Tensor::from_data(TensorData::new(x, [TEST, inputs(k)]), device), y);
        let dims = [inputs(k), cfg.width, cfg.width, answer_len(k) * 10];
        Self {
            model: Some(Mlp::new(&dims, Activation::Relu, cfg.seed.wrapping_add(cfg.index as u64), device)),
            optim: AdamConfig::new().init(),
            rng: Rng::stream(cfg.seed, 13),
            test,
            wait: false,
            records: Vec::new(),
            device: device.clone(),
            cfg,
        }
    }

    /// Log-probabilities `[n, k+1, 10]` of `x`.
    fn log_probs(&self, model: &Mlp, x: Tensor<2>) -> Tensor<3> {
        let n = x.dims()[0];
        log_softmax(model.forward(x, Activation::Relu).reshape([n, answer_len(self.cfg.digits), 10]), 2)
    }
}

impl Experiment for SizeRun {
    fn metric_names(&self) -> Vec<String> {
        vec![format!("train_loss_size_{}", self.cfg.index)]
    }

    fn train_step(&mut self, step: u64, _inspect: bool) -> StepOutput {
        let model = self.model.take().expect("model is always put back after a step");
        let (k, len) = (self.cfg.digits, answer_len(self.cfg.digits));
        let (x, y) = batch(k, BATCH, &mut self.rng);
        let x = Tensor::from_data(TensorData::new(x, [BATCH, inputs(k)]), &self.device);
        let y = Tensor::<2, Int>::from_data(TensorData::new(y, [BATCH, len]), &self.device);
        let lp = self.log_probs(&model, x);
        // Mean over problems of the summed negative log-likelihood of the answer's digits.
        let loss = lp.gather(2, y.reshape([BATCH, len, 1])).sum().neg() / BATCH as f64;
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(LR, model, grads));
        self.wait = step == self.cfg.steps;
        StepOutput { metrics: loss.inner(), host: Vec::new(), extra: Vec::new() }
    }

    fn waiting(&self) -> bool {
        self.wait
    }

    /// The test set's log-probabilities, flattened, when the model waits for them.
    fn snapshot(&mut self) -> Vec<Tensor<1>> {
        match &self.model {
            Some(m) if self.wait => {
                let m = m.valid();
                vec![self.log_probs(&m, self.test.0.clone().inner()).reshape([TEST * answer_len(self.cfg.digits) * 10])]
            }
            _ => Vec::new(),
        }
    }

    fn absorb(&mut self, _extra: Vec<Vec<f32>>, snapshot: Vec<Vec<f32>>) {
        let Some(lp) = snapshot.first().filter(|_| self.wait) else { return };
        self.wait = false;
        let s = Scores::new(lp, &self.test.1, answer_len(self.cfg.digits));
        let n = params(self.cfg.digits, self.cfg.width);
        let mut push = |name: String, y: f64| self.records.push(Record { name: format!("{name}_n{n}"), x: n, y });
        push("exact_match".into(), s.exact);
        push("token_acc".into(), s.token);
        push("answer_logprob".into(), s.logprob);
        push("edit_distance".into(), s.edit);
        s.by_len.iter().enumerate().for_each(|(j, &v)| push(format!("exact_len{}", j + 1), v));
        s.by_pos.iter().enumerate().for_each(|(i, &v)| push(format!("acc_pos{i}"), v));
    }

    fn drain_records(&mut self) -> Vec<Record> {
        std::mem::take(&mut self.records)
    }
}
