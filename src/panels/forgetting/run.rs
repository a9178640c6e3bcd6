//! Panel 16's run, two rounds of the engine's [`RoundRun`]: phase A trains one network on task A;
//! phase B copies it into one branch per method and trains every branch on task B side by side,
//! measuring both tasks' held-out metric every few steps.
//!
//! The methods (see [`Method`]): plain fine-tuning; replay (a share of every batch drawn from A);
//! EWC (Kirkpatrick et al. 2017), whose diagonal Fisher information is estimated on A when phase
//! B begins; L2 towards the weights after A; and a lower learning rate. With the sweep on, EWC
//! also runs at λ/100, λ/10 and 10λ for the stability–plasticity scatter.
//!
//! Series: `train_loss_<pair>` per step (phase A's loss, then plain fine-tuning's); and for every
//! branch `<metric>_a_<branch>` and `<metric>_b_<branch>` at x = the step of phase B (0 = the
//! network phase A left).

use super::pair::Pair;
use crate::engine::anchor::{diagonal_fisher, Anchor};
use crate::engine::job::{Record, StepOutput};
use crate::engine::rng::Rng;
use crate::engine::rounds::{At, RoundRun, Rounds};
use crate::engine::view::Frame;
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;

/// How a branch learns task B.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Method {
    /// Plain fine-tuning on B.
    Finetune,
    /// This share of each batch comes from A.
    Replay(f64),
    /// EWC with this λ.
    Ewc(f64),
    /// L2 towards θ* with this λ.
    L2(f64),
    /// The learning rate times this factor.
    LowLr(f64),
}

/// The five methods' series keys, in the page's order.
pub const METHODS: [&str; 5] = ["finetune", "replay", "ewc", "l2", "low_lr"];
/// The sweep's EWC strengths, as multiples of λ, and their keys.
pub const SWEEP: [(f64, &str); 3] = [(0.01, "ewc_x0_01"), (0.1, "ewc_x0_1"), (10.0, "ewc_x10")];

/// One pair's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Steps of phase A and of phase B.
    pub steps: (u64, u64),
    /// Adam's learning rate in both phases.
    pub lr: f64,
    /// Replay's share of A in each batch.
    pub replay: f64,
    /// EWC's λ.
    pub ewc: f64,
    /// L2's λ.
    pub l2: f64,
    /// The lower learning rate's factor.
    pub low_lr: f64,
    /// Phase B measures both tasks every this many steps.
    pub every: u64,
    /// Whether EWC also runs at the sweep's strengths.
    pub sweep: bool,
    /// Seed of the data, the weights and the batches.
    pub seed: u64,
}

impl Settings {
    /// The branches: the five methods, then the sweep's.
    pub fn branches(&self) -> Vec<(String, Method)> {
        let m = [
            Method::Finetune,
            Method::Replay(self.replay),
            Method::Ewc(self.ewc),
            Method::L2(self.l2),
            Method::LowLr(self.low_lr),
        ];
        let mut b: Vec<(String, Method)> = METHODS.iter().map(|k| k.to_string()).zip(m).collect();
        if self.sweep {
            b.extend(SWEEP.iter().map(|&(x, k)| (k.to_string(), Method::Ewc(self.ewc * x))));
        }
        b
    }
}

/// A branch of phase B: its key, method, network and optimizer.
struct Branch<N> {
    key: String,
    method: Method,
    net: Option<N>,
    optim: ModuleOptimizer,
}

/// What the page shows besides the series: the Fisher information heatmap.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ForgetView {
    /// The shown parameter's Fisher information, row-major, `side × side` (empty until measured).
    pub fisher: Vec<f32>,
    /// Its side.
    pub side: usize,
}

/// One pair's run.
pub struct Forgetting<P: Pair> {
    pair: P,
    s: Settings,
    base: Option<P::Net>,
    optim: ModuleOptimizer,
    branches: Vec<Branch<P::Net>>,
    anchors: Option<(Anchor, Anchor)>,
    rng: Rng,
    records: Vec<Record>,
    /// The Fisher information shown, once read back.
    pub view: ForgetView,
    view_sent: bool,
    fisher_read: bool,
}

/// A pair's run as the engine drives it.
pub type ForgettingRun<P> = RoundRun<Forgetting<P>>;

impl<P: Pair> Forgetting<P> {
    /// Phase A about to begin.
    pub fn new(pair: P, s: Settings) -> Self {
        let base = Some(pair.net(s.seed));
        Self {
            pair,
            s,
            base,
            optim: AdamConfig::new().init(),
            branches: Vec::new(),
            anchors: None,
            rng: Rng::stream(s.seed, 63),
            records: Vec::new(),
            view: ForgetView::default(),
            view_sent: false,
            fisher_read: false,
        }
    }

    /// Trains `net` one step by `method` (phase A: `None`, all of the batch from A).
    fn train(&mut self, net: P::Net, optim: &mut ModuleOptimizer, method: Option<Method>) -> (P::Net, Tensor<1>) {
        let share = match method {
            None => 1.0,
            Some(Method::Replay(r)) => r,
            Some(_) => 0.0,
        };
        let method = method.unwrap_or(Method::Finetune);
        let loss = self.pair.batch_loss(&net, share, &mut self.rng);
        let (objective, lr) = match (method, &self.anchors) {
            (Method::Ewc(l), Some((ewc, _))) => (loss.clone() + ewc.penalty(&net) * l, self.s.lr),
            (Method::L2(l), Some((_, l2))) => (loss.clone() + l2.penalty(&net) * l, self.s.lr),
            (Method::LowLr(f), _) => (loss.clone(), self.s.lr * f),
            _ => (loss.clone(), self.s.lr),
        };
        let grads = GradientsParams::from_grads(objective.backward(), &net);
        (optim.step(lr, net, grads), loss)
    }

    fn record(&mut self, key: &str, x: u64, v: &[f32]) {
        for (task, y) in ["a", "b"].iter().zip(v) {
            self.records.push(Record { name: format!("{}_{task}_{key}", P::METRIC), x, y: f64::from(*y) });
        }
    }
}

impl<P: Pair> Rounds for Forgetting<P> {
    fn metric_names(&self) -> Vec<String> {
        vec![format!("train_loss_{}", P::NAME)]
    }

    fn rounds(&self) -> usize {
        2
    }

    fn steps_in(&self, round: usize) -> u64 {
        if round == 0 { self.s.steps.0 } else { self.s.steps.1 }.max(1)
    }

    fn step(&mut self, at: At, _inspect: bool) -> StepOutput {
        let mut first = None;
        if at.round == 0 {
            let net = self.base.take().expect("the network is put back after every step");
            let mut optim = std::mem::replace(&mut self.optim, AdamConfig::new().init());
            let (net, loss) = self.train(net, &mut optim, None);
            (self.base, self.optim, first) = (Some(net), optim, Some(loss));
        } else {
            let mut branches = std::mem::take(&mut self.branches);
            for b in &mut branches {
                let net = b.net.take().expect("a branch's network is put back after every step");
                let (net, loss) = self.train(net, &mut b.optim, Some(b.method));
                b.net = Some(net);
                first.get_or_insert(loss);
            }
            self.branches = branches;
        }
        let metrics = first.expect("phase B has at least one branch").inner();
        StepOutput { metrics, host: Vec::new(), extra: Vec::new() }
    }

    fn probe(&self, at: At) -> bool {
        at.round == 1 && at.step.is_multiple_of(self.s.every.max(1))
    }

    /// Phase A's network measured on both tasks; in phase B, every branch's, and the Fisher
    /// information once.
    fn readback(&mut self, at: At) -> Vec<Tensor<1>> {
        if at.round == 0 {
            return self.base.iter().map(|n| self.pair.eval(n).inner()).collect();
        }
        let mut out: Vec<Tensor<1>> =
            self.branches.iter().filter_map(|b| b.net.as_ref()).map(|n| self.pair.eval(n).inner()).collect();
        if let (false, Some(i), Some((ewc, _))) = (self.fisher_read, P::HEAT, &self.anchors) {
            out.extend(ewc.weight.get(i).cloned());
        }
        out
    }

    fn absorb(&mut self, at: At, data: Vec<Vec<f32>>) -> bool {
        if data.iter().flatten().any(|v| !v.is_finite()) {
            return false;
        }
        if at.round == 0 {
            let Some(v) = data.first() else { return false };
            for (key, _) in self.s.branches() {
                self.record(&key, 0, v);
            }
            return true;
        }
        let keys: Vec<String> = self.branches.iter().map(|b| b.key.clone()).collect();
        for (key, v) in keys.iter().zip(&data) {
            self.record(key, at.step, v);
        }
        if let Some(f) = data.get(keys.len()) {
            self.view = ForgetView { fisher: f.clone(), side: (f.len() as f64).sqrt().round() as usize };
            self.fisher_read = true;
        }
        true
    }

    /// Phase B: the Fisher information on A, the anchors, and one copy of the network per branch.
    fn begin(&mut self, _round: usize) {
        let base = self.base.take().expect("phase A leaves its network");
        let fisher = diagonal_fisher(&base, self.pair.fisher_examples(), |n, k| self.pair.example_loss(n, k));
        self.anchors = Some((Anchor::ewc(&base, fisher), Anchor::l2(&base)));
        self.branches = self
            .s
            .branches()
            .into_iter()
            .map(|(key, method)| Branch { key, method, net: Some(base.clone()), optim: AdamConfig::new().init() })
            .collect();
    }

    fn drain_records(&mut self) -> Vec<Record> {
        std::mem::take(&mut self.records)
    }

    fn view(&mut self) -> Option<Frame> {
        (!self.view_sent && !self.view.fisher.is_empty()).then(|| {
            self.view_sent = true;
            Frame::encode(&self.view)
        })
    }
}
