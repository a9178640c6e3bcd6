//! Panel 17's run, the Self-Taught Reasoner loop (Zelikman et al. 2022, "STaR: Bootstrapping
//! Reasoning With Reasoning", NeurIPS), one round of the engine's [`RoundRun`] per iteration.
//!
//! Round 0 trains on a small seed set of worked 1- and 2-digit problems. At the end of every
//! round the weights are read back and the host, in chunks: scores the model (greedy) on a fixed
//! test set of every length; then, unless it was the last round, samples a rationale at the
//! chosen temperature for each problem of a fresh pool of every length, keeps those the verifier
//! accepts (or, for the contrast, all of them), optionally rationalises the failures (samples
//! again with each column's true digit as a hint, keeps the rationale if its answer is right,
//! and trains on it without the hint), and builds the next round's training set: the seed set
//! plus what was kept. The next round restarts from fresh weights (STaR) or continues.
//!
//! Series, x = round: `accuracy`, `kept`, `acc_digits<n>` (suffixed `_unfiltered` for the
//! contrast), and per step `train_loss` (or `train_loss_unfiltered`).

use super::task::{solve, Problem, Worked, CONTEXT, MAX_DIGITS, VOCAB};
use crate::engine::job::{Record, StepOutput};
use crate::engine::models::char_mlp::{CharMlp, CharMlpShape, HostCharMlp};
use crate::engine::rng::Rng;
use crate::engine::rounds::{At, RoundRun, Rounds};
use crate::engine::view::Frame;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;

/// The model: 5 tokens of context, embedding 8, 64 tanh units.
pub const SHAPE: CharMlpShape = CharMlpShape { vocab: VOCAB, context: CONTEXT, embed: 8, hidden: 64 };
/// Training windows per step.
pub const BATCH: usize = 128;
/// Test problems per length.
pub const TEST_PER_LEN: usize = 50;
/// Problems solved per chunk of host work.
pub const CHUNK: usize = 40;
/// Rationales of each kind (right, wrong) kept per round for display.
pub const SHOWN: usize = 3;

/// A loop's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StarSettings {
    /// Rounds after round 0.
    pub rounds: usize,
    /// Training steps per round.
    pub steps: u64,
    /// Worked seed problems (half 1-digit, half 2-digit).
    pub seed_set: usize,
    /// Problems sampled per round, spread evenly over 1…[`MAX_DIGITS`] digits.
    pub pool: usize,
    /// Sampling temperature.
    pub temperature: f64,
    /// Whether the verifier filters (false: the contrast, trained on all of its own outputs).
    pub filter: bool,
    /// Whether failures are rationalised with a hint.
    pub rationalize: bool,
    /// Whether each round restarts from fresh weights (STaR) or continues.
    pub restart: bool,
    /// Adam's learning rate.
    pub lr: f64,
    /// Seed.
    pub seed: u64,
}

/// One finished round, for the page.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RoundView {
    /// Test accuracy per length, 1…[`MAX_DIGITS`] digits.
    pub by_len: Vec<f64>,
    /// Rationales kept to train this round (round 0: the seed set).
    pub kept: usize,
    /// Sampled rationales, `(text, right)`, a few of each.
    pub examples: Vec<(String, bool)>,
}

/// The host work of a round's end.
struct Work {
    host: HostCharMlp,
    round: usize,
    done: usize,
    right: [usize; MAX_DIGITS],
    kept: Vec<Worked>,
    examples: Vec<(String, bool)>,
}

/// One loop.
pub struct Star {
    s: StarSettings,
    model: Option<CharMlp>,
    optim: ModuleOptimizer,
    loss: CrossEntropyLoss,
    seed_set: Vec<Worked>,
    test: Vec<Problem>,
    data: Vec<([u32; CONTEXT], u32)>,
    kept_next: usize,
    rng: Rng,
    work: Option<Work>,
    records: Vec<Record>,
    device: Device,
    /// Finished rounds.
    pub rounds: Vec<RoundView>,
    shown: Option<usize>,
}

/// A loop as the engine drives it.
pub type StarRun = RoundRun<Star>;

impl Star {
    /// Round 0 about to train on the seed set.
    pub fn new(s: StarSettings, device: &Device) -> Self {
        let mut rng = Rng::stream(s.seed, 71);
        let seed_set: Vec<Worked> = (0..s.seed_set).map(|i| Problem::random(1 + i % 2, &mut rng).worked()).collect();
        let test = (0..MAX_DIGITS * TEST_PER_LEN).map(|i| Problem::random(1 + i / TEST_PER_LEN, &mut rng)).collect();
        let mut star = Self {
            s,
            model: Some(CharMlp::new(SHAPE, s.seed, device)),
            optim: AdamConfig::new().init(),
            loss: CrossEntropyLossConfig::new().init(device),
            seed_set,
            test,
            data: Vec::new(),
            kept_next: 0,
            rng: Rng::stream(s.seed, 72),
            work: None,
            records: Vec::new(),
            device: device.clone(),
            rounds: Vec::new(),
            shown: None,
        };
        star.data = star.training_set(&[]);
        star.kept_next = star.seed_set.len();
        star
    }

    /// The seed set, plain and again with hints (so that a hint means something to the model,
    /// which rationalisation relies on), plus `kept`, as training windows.
    fn training_set(&self, kept: &[Worked]) -> Vec<([u32; CONTEXT], u32)> {
        let hinted = self.seed_set.iter().flat_map(|w| w.windows(true));
        let plain = self.seed_set.iter().chain(kept).flat_map(|w| w.windows(false));
        plain.chain(hinted).collect()
    }

    /// A series name, suffixed for the contrast.
    fn name(&self, base: &str) -> String {
        if self.s.filter {
            base.to_string()
        } else {
            format!("{base}_unfiltered")
        }
    }

    /// Solves the next chunk of test problems, then of the pool; returns whether more remains.
    fn chunk(&mut self, w: &mut Work) -> bool {
        let (tests, pool) = (self.test.len(), if w.round < self.s.rounds { self.s.pool } else { 0 });
        let end = (w.done + CHUNK).min(tests + pool);
        for i in w.done..end {
            let logits = |ctx: &[u32]| w.host.logits(ctx);
            if i < tests {
                let p = &self.test[i];
                w.right[p.len() - 1] += usize::from(solve(p, false, 0.0, &mut self.rng, logits).is_right());
                continue;
            }
            let p = Problem::random(1 + (i - tests) * MAX_DIGITS / pool.max(1), &mut self.rng);
            let tried = solve(&p, false, self.s.temperature, &mut self.rng, logits);
            let right = tried.is_right();
            // Shown: the first few of each verdict among about one problem in ten of 2 to 6 digits,
            // picked by index (so that showing them draws nothing from the sampler's stream).
            let shown = (2..=6).contains(&p.len()) && (i as u64).wrapping_mul(2_654_435_761) % 97 < 10;
            if shown && w.examples.iter().filter(|e| e.1 == right).count() < SHOWN {
                w.examples.push((tried.describe(), right));
            }
            if right || !self.s.filter {
                w.kept.push(tried);
            } else if self.s.rationalize {
                let hinted = solve(&p, true, self.s.temperature, &mut self.rng, |ctx: &[u32]| w.host.logits(ctx));
                if hinted.is_right() {
                    w.kept.push(hinted);
                }
            }
        }
        w.done = end;
        end < tests + pool
    }

    /// Records a finished round and sets the next round's training set.
    fn finish(&mut self, w: Work) {
        let x = w.round as u64;
        let by_len: Vec<f64> = w.right.iter().map(|&r| r as f64 / TEST_PER_LEN as f64).collect();
        let accuracy = by_len.iter().sum::<f64>() / MAX_DIGITS as f64;
        self.records.push(Record { name: self.name("accuracy"), x, y: accuracy });
        self.records.push(Record { name: self.name("kept"), x, y: self.kept_next as f64 });
        for (n, a) in by_len.iter().enumerate() {
            self.records.push(Record { name: self.name(&format!("acc_digits{}", n + 1)), x, y: *a });
        }
        self.rounds.push(RoundView { by_len, kept: self.kept_next, examples: w.examples });
        self.data = self.training_set(&w.kept);
        self.kept_next = w.kept.len();
    }
}

impl Rounds for Star {
    fn metric_names(&self) -> Vec<String> {
        vec![self.name("train_loss")]
    }

    fn rounds(&self) -> usize {
        self.s.rounds + 1
    }

    fn steps_in(&self, _round: usize) -> u64 {
        self.s.steps.max(1)
    }

    fn step(&mut self, _at: At, _inspect: bool) -> StepOutput {
        let model = self.model.take().expect("the model is put back after every step");
        let (mut xs, mut ys) = (Vec::with_capacity(BATCH * CONTEXT), Vec::with_capacity(BATCH));
        for _ in 0..BATCH {
            let (ctx, y) = self.data[(self.rng.next_u64() % self.data.len().max(1) as u64) as usize];
            xs.extend(ctx.iter().map(|&t| i64::from(t)));
            ys.push(i64::from(y));
        }
        let x = Tensor::<2, Int>::from_data(TensorData::new(xs, [BATCH, CONTEXT]), &self.device);
        let y = Tensor::<1, Int>::from_data(TensorData::new(ys, [BATCH]), &self.device);
        let loss = self.loss.forward(model.forward(x), y);
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(self.s.lr, model, grads));
        StepOutput { metrics: loss.inner(), host: Vec::new(), extra: Vec::new() }
    }

    fn readback(&mut self, _at: At) -> Vec<Tensor<1>> {
        self.model.as_ref().map(CharMlp::parts).unwrap_or_default()
    }

    fn absorb(&mut self, at: At, data: Vec<Vec<f32>>) -> bool {
        if data.iter().flatten().any(|v| !v.is_finite()) {
            return false;
        }
        let Some(host) = HostCharMlp::from_parts(SHAPE, data) else { return false };
        let (right, kept, examples) = ([0; MAX_DIGITS], Vec::new(), Vec::new());
        self.work = Some(Work { host, round: at.round, done: 0, right, kept, examples });
        true
    }

    fn host_work_pending(&self) -> bool {
        self.work.is_some()
    }

    fn host_work(&mut self) -> bool {
        let Some(mut w) = self.work.take() else { return false };
        if self.chunk(&mut w) {
            self.work = Some(w);
            return true;
        }
        self.finish(w);
        false
    }

    /// Fresh weights (STaR) or the last round's, on the new training set.
    fn begin(&mut self, round: usize) {
        if self.s.restart {
            self.model = Some(CharMlp::new(SHAPE, self.s.seed.wrapping_add(round as u64), &self.device));
            self.optim = AdamConfig::new().init();
        }
    }

    fn drain_records(&mut self) -> Vec<Record> {
        std::mem::take(&mut self.records)
    }

    /// The finished rounds (a `Vec<RoundView>`), when one was added.
    fn view(&mut self) -> Option<Frame> {
        (self.shown != Some(self.rounds.len())).then(|| {
            self.shown = Some(self.rounds.len());
            Frame::encode(&self.rounds)
        })
    }
}
