//! Panel 16's two task pairs, behind one trait so that one run drives both:
//!
//! - [`Visual`]: two 2-D classification tasks in the two halves of the plane. Task A (left half)
//!   is "class 1 above the x axis"; task B (right half) is the mirror rule, "class 1 below it".
//!   One network can do both (the halves do not overlap), but gradient descent on B alone takes
//!   the shortest way to B, which is to turn what it learned for A upside down.
//! - [`Language`]: a character language model (panel 01's family) on *Moby-Dick* (A), then
//!   fine-tuned on State of the Union addresses (B), with its loss on held-out *Moby-Dick* watched.

use crate::engine::data::text::{windows, Corpus, MOBY_DICK, SOTU};
use crate::engine::models::char_mlp::{CharMlp, CharMlpShape};
use crate::engine::models::mlp::{Activation, Mlp};
use crate::engine::rng::Rng;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::prelude::*;

/// A pair of tasks, A then B, on one kind of network.
pub trait Pair {
    /// The network.
    type Net: Module + Clone;
    /// The held-out metric's series prefix: `"acc"` (higher is better) or `"loss"`.
    const METRIC: &'static str;
    /// The pair's name in its per-step series, `train_loss_<name>`.
    const NAME: &'static str;
    /// Which parameter (in visiting order) the page shows the Fisher information of, as a square
    /// heatmap, if any.
    const HEAT: Option<usize>;
    /// The network, seeded.
    fn net(&self, seed: u64) -> Self::Net;
    /// The mean training loss of a batch whose share `share_a` comes from task A and the rest from
    /// task B, `[1]`.
    fn batch_loss(&self, net: &Self::Net, share_a: f64, rng: &mut Rng) -> Tensor<1>;
    /// The held-out metric on task A, then on task B, `[2]`, without autodiff.
    fn eval(&self, net: &Self::Net) -> Tensor<1>;
    /// How many of task A's examples the Fisher information is averaged over.
    fn fisher_examples(&self) -> usize;
    /// The loss of example `k` of that sample, `[1]`.
    fn example_loss(&self, net: &Self::Net, k: usize) -> Tensor<1>;
}

/// Hidden widths of the visual pair's network: 2 → 32 → 32 → 2.
pub const DIMS: [usize; 4] = [2, 32, 32, 2];
/// Training and held-out points per task.
pub const POINTS: usize = 256;
/// Points per training batch.
pub const BATCH: usize = 64;

/// Points of one task: the left half (A) or the right half (B) of [-1, 1]².
fn half(task_b: bool, n: usize, rng: &mut Rng) -> (Vec<f32>, Vec<i64>) {
    let (mut xs, mut ys) = (Vec::with_capacity(2 * n), Vec::with_capacity(n));
    for _ in 0..n {
        let x = rng.range(0.1, 1.0) * if task_b { 1.0 } else { -1.0 };
        let y = rng.range(-1.0, 1.0);
        xs.extend([x as f32, y as f32]);
        ys.push(i64::from((y > 0.0) != task_b));
    }
    (xs, ys)
}

type Points = (Vec<f32>, Vec<i64>);

/// Both tasks' training points from `seed`, and the generator after them (the held-out points
/// come next).
fn train_points(seed: u64) -> ([Points; 2], Rng) {
    let mut rng = Rng::stream(seed, 61);
    ([half(false, POINTS, &mut rng), half(true, POINTS, &mut rng)], rng)
}

/// Both tasks' training points as `(x, y, class)` (task A on the left, B on the right): what the
/// page draws.
pub fn task_points(seed: u64) -> Vec<(f32, f32, u8)> {
    let (train, _) = train_points(seed);
    let mut out = Vec::new();
    for (xs, ys) in &train {
        out.extend(xs.chunks(2).zip(ys).map(|(p, &c)| (p[0], p[1], c as u8)));
    }
    out
}

/// The visual pair.
pub struct Visual {
    train: [Points; 2],
    test: [(Tensor<2>, Tensor<1, Int>); 2],
    ce: CrossEntropyLoss,
    device: Device,
}

impl Visual {
    /// Both tasks' points, from `seed`.
    pub fn new(seed: u64, device: &Device) -> Self {
        let (train, mut rng) = train_points(seed);
        let test = [false, true].map(|b| {
            let (xs, ys) = half(b, POINTS, &mut rng);
            (
                Tensor::from_data(TensorData::new(xs, [POINTS, 2]), device),
                Tensor::from_data(TensorData::new(ys, [POINTS]), device),
            )
        });
        Self { train, test, ce: CrossEntropyLossConfig::new().init(device), device: device.clone() }
    }

    fn loss_of(&self, net: &Mlp, xs: Vec<f32>, ys: Vec<i64>) -> Tensor<1> {
        let n = ys.len();
        let x = Tensor::from_data(TensorData::new(xs, [n, 2]), &self.device);
        let y = Tensor::from_data(TensorData::new(ys, [n]), &self.device);
        self.ce.forward(net.forward(x, Activation::Relu), y)
    }
}

impl Pair for Visual {
    type Net = Mlp;
    const METRIC: &'static str = "acc";
    const NAME: &'static str = "visual";
    /// The middle layer's 32 × 32 weights.
    const HEAT: Option<usize> = Some(2);

    fn net(&self, seed: u64) -> Mlp {
        Mlp::new(&DIMS, Activation::Relu, seed, &self.device)
    }

    fn batch_loss(&self, net: &Mlp, share_a: f64, rng: &mut Rng) -> Tensor<1> {
        let from_a = (BATCH as f64 * share_a.clamp(0.0, 1.0)).round() as usize;
        let (mut xs, mut ys) = (Vec::with_capacity(2 * BATCH), Vec::with_capacity(BATCH));
        for i in 0..BATCH {
            let (txs, tys) = &self.train[usize::from(i >= from_a)];
            let k = (rng.next_u64() % tys.len() as u64) as usize;
            xs.extend_from_slice(&txs[2 * k..2 * k + 2]);
            ys.push(tys[k]);
        }
        self.loss_of(net, xs, ys)
    }

    fn eval(&self, net: &Mlp) -> Tensor<1> {
        let net = net.valid();
        let acc = |(x, y): &(Tensor<2>, Tensor<1, Int>)| {
            let guess = net.forward(x.clone().inner(), Activation::Relu).argmax(1).reshape([POINTS]);
            guess.equal(y.clone().inner()).float().mean()
        };
        Tensor::from_inner(Tensor::cat(vec![acc(&self.test[0]), acc(&self.test[1])], 0))
    }

    fn fisher_examples(&self) -> usize {
        POINTS / 2
    }

    fn example_loss(&self, net: &Mlp, k: usize) -> Tensor<1> {
        let (xs, ys) = &self.train[0];
        self.loss_of(net, xs[2 * k..2 * k + 2].to_vec(), vec![ys[k]])
    }
}

/// The language pair's model: context, embedding and hidden width.
pub const SHAPE: (usize, usize, usize) = (4, 16, 128);
/// Windows per training batch and per held-out measurement.
pub const TEXT_BATCH: (usize, usize) = (64, 512);

/// The language pair: one vocabulary over both texts.
pub struct Language {
    shape: CharMlpShape,
    train: [Vec<u32>; 2],
    val: [(Tensor<2, Int>, Tensor<1, Int>); 2],
    fisher: (Tensor<2, Int>, Tensor<1, Int>),
    ce: CrossEntropyLoss,
    device: Device,
}

impl Language {
    /// Both texts, split 90/10.
    pub fn new(device: &Device) -> Self {
        let both = Corpus::new(&format!("{MOBY_DICK}{SOTU}"));
        let split = |t: &str| {
            let ids = both.encode(t);
            let cut = ids.len() * 9 / 10;
            (ids[..cut].to_vec(), ids[cut..].to_vec())
        };
        let (a, b) = (split(MOBY_DICK), split(SOTU));
        let (context, embed, hidden) = SHAPE;
        let mut rng = Rng::stream(0, 62);
        let val = [&a.1, &b.1].map(|v| windows(v, context, TEXT_BATCH.1, &mut rng, device));
        let fisher = windows(&a.0, context, 64, &mut rng, device);
        let shape = CharMlpShape { vocab: both.v(), context, embed, hidden };
        Self {
            shape,
            train: [a.0, b.0],
            val,
            fisher,
            ce: CrossEntropyLossConfig::new().init(device),
            device: device.clone(),
        }
    }
}

impl Pair for Language {
    type Net = CharMlp;
    const METRIC: &'static str = "loss";
    const NAME: &'static str = "language";
    const HEAT: Option<usize> = None;

    fn net(&self, seed: u64) -> CharMlp {
        CharMlp::new(self.shape, seed, &self.device)
    }

    fn batch_loss(&self, net: &CharMlp, share_a: f64, rng: &mut Rng) -> Tensor<1> {
        let from_a = (TEXT_BATCH.0 as f64 * share_a.clamp(0.0, 1.0)).round() as usize;
        let ce = &self.ce;
        let part =
            |t: usize, n: usize, rng: &mut Rng| windows(&self.train[t], self.shape.context, n, rng, &self.device);
        let (xa, ya) = part(0, from_a.max(1), rng);
        let (xb, yb) = part(1, (TEXT_BATCH.0 - from_a).max(1), rng);
        let (x, y) = match from_a {
            0 => (xb, yb),
            n if n >= TEXT_BATCH.0 => (xa, ya),
            _ => (Tensor::cat(vec![xa, xb], 0), Tensor::cat(vec![ya, yb], 0)),
        };
        ce.forward(net.forward(x), y)
    }

    fn eval(&self, net: &CharMlp) -> Tensor<1> {
        let net = net.valid();
        let ce = self.ce.valid();
        let loss =
            |(x, y): &(Tensor<2, Int>, Tensor<1, Int>)| ce.forward(net.forward(x.clone().inner()), y.clone().inner());
        Tensor::from_inner(Tensor::cat(vec![loss(&self.val[0]), loss(&self.val[1])], 0))
    }

    fn fisher_examples(&self) -> usize {
        self.fisher.1.dims()[0]
    }

    fn example_loss(&self, net: &CharMlp, k: usize) -> Tensor<1> {
        let ce = &self.ce;
        ce.forward(net.forward(self.fisher.0.clone().narrow(0, k, 1)), self.fisher.1.clone().narrow(0, k, 1))
    }
}
