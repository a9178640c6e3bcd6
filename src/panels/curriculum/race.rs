//! Panel 11's run of one ordering: three models (three seeds) trained at once, each step on a batch
//! the ordering picks. Every step reports the test accuracy (whole answer right) averaged over the
//! seeds with its lowest and highest seed (`test_acc_<ordering>`, `…_min`, `…_max`), the accuracy
//! on each difficulty (`acc_d<k>_<ordering>`, for the heatmap), and the mean difficulty of what it
//! fed (`batch_difficulty_<ordering>`).

use super::pacing::{competence, Ordering, Pacing};
use super::task::{problems, Set, DIGITS, INPUTS, OUT, TEST_PER, TRAIN_PER};
use crate::engine::backend::cpu_device;
use crate::engine::job::{Experiment, StepOutput};
use crate::engine::models::weights::{flatten, load};
use crate::engine::rng::Rng;
use burn::module::Module;
use burn::nn::{Linear, LinearConfig};
use burn::optim::{AdamWConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use burn::tensor::activation::{log_softmax, relu};
use burn::tensor::IndexingUpdateOp;

/// Seeds per ordering.
pub const SEEDS: usize = 3;
/// Examples per batch.
pub const BATCH: usize = 64;
/// Hidden width.
pub const HIDDEN: usize = 256;
/// Learning rate (AdamW).
pub const LR: f64 = 2e-3;

/// A run's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RaceConfig {
    /// The ordering.
    pub ordering: Ordering,
    /// How competence grows.
    pub pacing: Pacing,
    /// Steps (the budget).
    pub steps: u64,
    /// Steps until competence reaches 1.
    pub ramp: u64,
    /// Share of training answers that are wrong.
    pub noise: f64,
    /// First seed; the others follow it.
    pub seed: u64,
}

/// A two-hidden-layer perceptron from one-hot digits to ten logits per answer digit.
#[derive(Module, Debug)]
pub struct AddMlp {
    l1: Linear,
    l2: Linear,
    l3: Linear,
}

impl AddMlp {
    /// Burn's default initialisation drawn on the CPU from `seed`, loaded onto `device`.
    pub fn seeded(seed: u64, device: &Device) -> Self {
        let build = |d: &Device| Self {
            l1: LinearConfig::new(INPUTS, HIDDEN).init(d),
            l2: LinearConfig::new(HIDDEN, HIDDEN).init(d),
            l3: LinearConfig::new(HIDDEN, OUT * 10).init(d),
        };
        let cpu = cpu_device();
        cpu.seed(seed);
        let host: Vec<Vec<f32>> = flatten(&build(&cpu))
            .into_iter()
            .map(|t| t.into_data().try_into_vec::<f32>().unwrap_or_default())
            .collect();
        load(build(device), &host).expect("one shape has the same parameters on every device")
    }

    /// Log-probabilities `[n, OUT, 10]`.
    pub fn forward(&self, x: Tensor<2>) -> Tensor<3> {
        let n = x.dims()[0];
        let h = relu(self.l2.forward(relu(self.l1.forward(x))));
        log_softmax(self.l3.forward(h).reshape([n, OUT, 10]), 2)
    }
}

/// Each example's loss (mean over answer digits), `[n]`.
fn example_loss(logp: Tensor<3>, y: Tensor<2, Int>) -> Tensor<1> {
    let n = y.dims()[0];
    logp.gather(2, y.reshape([n, OUT, 1])).reshape([n, OUT]).mean_dim(1).reshape([n]).neg()
}

/// Whether each example's whole answer is right, as 0 or 1, `[n]`.
fn exact(logp: Tensor<3>, y: Tensor<2, Int>) -> Tensor<1> {
    let n = y.dims()[0];
    let hit = logp.argmax(2).reshape([n, OUT]).equal(y).int().sum_dim(1).reshape([n]);
    hit.equal_elem(OUT as i64).float()
}

/// The positions of the `k` smallest entries of `v`, smallest first, without a sort (a GPU backend
/// in the browser has none): an entry's rank is how many entries lie below it, ties broken by
/// position, and scattering the positions by rank puts them in order.
pub fn smallest(v: Tensor<1>, k: usize) -> Tensor<1, Int> {
    let n = v.dims()[0];
    let device = v.device();
    let (col, row) = (v.clone().reshape([n, 1]).expand([n, n]), v.reshape([1, n]).expand([n, n]));
    let pos = Tensor::<1, Int>::arange(0..n as i64, &device);
    let (pcol, prow) = (pos.clone().reshape([n, 1]).expand([n, n]), pos.clone().reshape([1, n]).expand([n, n]));
    // Entry (i, j): whether v_j comes before v_i.
    let before = row.clone().lower(col.clone()).int() + row.equal(col).int() * prow.lower(pcol).int();
    let rank = before.sum_dim(1).reshape([n]);
    let order = Tensor::<1, Int>::zeros([n], &device).scatter(0, rank, pos, IndexingUpdateOp::Add);
    order.slice(0..k.min(n))
}

struct Member {
    model: Option<AddMlp>,
    optim: ModuleOptimizer,
    rng: Rng,
}

/// One ordering's three seeds.
pub struct Race {
    cfg: RaceConfig,
    members: Vec<Member>,
    train: Set,
    test: Set,
    device: Device,
}

impl Race {
    /// The run `cfg` on `device`. The data come from `cfg.seed` alone, so every ordering trains on
    /// the same set and is tested on the same problems.
    pub fn new(cfg: RaceConfig, device: &Device) -> Self {
        let mut data = Rng::stream(cfg.seed, 0xC0);
        let train = Set::new(&problems(TRAIN_PER, cfg.noise.clamp(0.0, 1.0), &mut data), device);
        let test = Set::new(&problems(TEST_PER, 0.0, &mut data), device);
        let members = (0..SEEDS as u64)
            .map(|k| Member {
                model: Some(AddMlp::seeded(cfg.seed + k, device)),
                optim: AdamWConfig::new().with_weight_decay(1e-4).init(),
                rng: Rng::stream(cfg.seed + k, 0xC1),
            })
            .collect();
        Self { cfg, members, train, test, device: device.clone() }
    }

    /// The training rows member `m` learns from at step `t`.
    fn batch(&mut self, m: usize, t: u64) -> Tensor<1, Int> {
        let n = self.train.len;
        let c = competence(self.cfg.pacing, t, self.cfg.ramp, DIGITS);
        let allowed = ((c * n as f64).ceil() as usize).clamp(BATCH.min(n), n);
        let rng = &mut self.members[m].rng;
        let mut draw = |k: usize, lo: usize, span: usize| -> Vec<i64> {
            (0..k).map(|_| (lo + (rng.next_u64() % span.max(1) as u64) as usize) as i64).collect()
        };
        let rows = match self.cfg.ordering {
            Ordering::Random => draw(BATCH, 0, n),
            Ordering::EasyToHard => draw(BATCH, 0, allowed),
            Ordering::HardToEasy => draw(BATCH, n - allowed, allowed),
            Ordering::SelfPaced => {
                // A pool of BATCH / c candidates; the BATCH with the lowest current loss are kept.
                let pool = ((BATCH as f64 / c).ceil() as usize).min(8 * BATCH);
                let ids = draw(pool, 0, n);
                let idx = Tensor::<1, Int>::from_data(TensorData::new(ids, [pool]), &self.device);
                if pool == BATCH {
                    return idx;
                }
                let model = self.members[m].model.as_ref().expect("present between steps").valid();
                let x = self.train.x.clone().inner().select(0, idx.clone().inner());
                let y = self.train.y.clone().inner().select(0, idx.clone().inner());
                let keep = smallest(example_loss(model.forward(x), y), BATCH);
                return Tensor::from_inner(idx.inner().select(0, keep));
            }
        };
        Tensor::from_data(TensorData::new(rows, [BATCH]), &self.device)
    }

    /// Trains member `m` one step; returns its loss, the batch's mean difficulty, and its
    /// correctness on every test problem.
    fn step_member(&mut self, m: usize, t: u64) -> (Tensor<1>, Tensor<1>, Tensor<1>) {
        let idx = self.batch(m, t);
        let model = self.members[m].model.take().expect("present between steps");
        let right = exact(model.valid().forward(self.test.x.clone().inner()), self.test.y.clone().inner());
        let x = self.train.x.clone().select(0, idx.clone());
        let y = self.train.y.clone().select(0, idx.clone());
        let difficulty = self.train.difficulty.clone().inner().select(0, idx.inner()).mean();
        let loss = example_loss(model.forward(x), y).mean();
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        let member = &mut self.members[m];
        member.model = Some(member.optim.step(LR, model, grads));
        (loss.inner(), difficulty, right)
    }
}

/// An ordering's series, in step-vector order.
pub fn names(o: Ordering) -> Vec<String> {
    let k = o.key();
    let mut n = vec![format!("test_acc_{k}"), format!("test_acc_{k}_min"), format!("test_acc_{k}_max")];
    n.push(format!("batch_difficulty_{k}"));
    n.push(format!("train_loss_{k}"));
    n.extend((1..=DIGITS).map(|d| format!("acc_d{d}_{k}")));
    n
}

impl Experiment for Race {
    fn metric_names(&self) -> Vec<String> {
        names(self.cfg.ordering)
    }

    fn train_step(&mut self, step: u64, _inspect: bool) -> StepOutput {
        let outs: Vec<_> = (0..SEEDS).map(|m| self.step_member(m, step - 1)).collect();
        let s = SEEDS as f64;
        let mean = |v: Vec<Tensor<1>>| Tensor::cat(v, 0).sum().div_scalar(s);
        let right = Tensor::stack::<2>(outs.iter().map(|o| o.2.clone()).collect(), 0); // [SEEDS, n]
        let acc = right.clone().mean_dim(1).reshape([SEEDS]);
        let per = self.test.len / DIGITS;
        let by_level = right.reshape([SEEDS, DIGITS, per]).mean_dim(2).mean_dim(0).reshape([DIGITS]);
        let metrics = Tensor::cat(
            vec![
                acc.clone().mean(),
                acc.clone().min(),
                acc.max(),
                mean(outs.iter().map(|o| o.1.clone()).collect()),
                mean(outs.iter().map(|o| o.0.clone()).collect()),
                by_level,
            ],
            0,
        );
        StepOutput { metrics, host: Vec::new(), extra: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smallest_orders_without_a_sort() {
        let d = cpu_device();
        let v = Tensor::<1>::from_floats([0.5, -1.0, 0.5, 3.0, 0.0], &d);
        let got: Vec<i64> = smallest(v, 4).into_data().convert::<i64>().try_into_vec::<i64>().unwrap();
        assert_eq!(got, [1, 4, 0, 2]);
    }
}
