//! The second view's run: a character language model (panel 01's [`CharMlp`]) is trained from
//! scratch each generation on its pool of text (see [`Pool`]): generation 0 on real *Moby-Dick*,
//! later ones on what the generation before wrote, sampled on the host from its read-back weights.
//!
//! Per step it records `lm_loss`. Per generation g (x = g) it records `perplexity` (e^{loss} on a
//! fixed batch of real held-out text) and `distinct_4grams` (the share of distinct 4-grams among
//! all 4-grams of the text generation g writes), and keeps an excerpt of that text. The text is
//! written as host work, [`SAMPLE_CHUNK`] characters at a time, so that no frame is blocked.

use super::gmm::CollapseConfig;
use super::pool::Pool;
use crate::engine::data::text::{windows, Corpus};
use crate::engine::job::{Record, StepOutput};
use crate::engine::models::char_lm::{shape, BATCH, CONTEXT, VAL_BATCH};
use crate::engine::models::char_mlp::{CharMlp, CharMlpShape, HostCharMlp};
use crate::engine::rng::Rng;
use crate::engine::rounds::{At, RoundRun, Rounds};
use crate::engine::view::Frame;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use std::collections::HashSet;
use std::rc::Rc;

/// Training steps per generation.
pub const TRAIN_STEPS: u64 = 600;
/// Adam's learning rate.
pub const LR: f64 = 3e-3;
/// Characters of each generation's text kept for display.
pub const EXCERPT: usize = 240;
/// Characters sampled per chunk of host work (a few milliseconds in the browser).
pub const SAMPLE_CHUNK: usize = 200;

/// A generation's text being written, a chunk at a time, from its read-back weights.
struct Writing {
    host: HostCharMlp,
    text: Vec<u32>,
    val_loss: f64,
    gen: u64,
}

/// Share of distinct `n`-grams among all `n`-grams of `tokens` (1 when every one is new).
pub fn distinct_ngrams(tokens: &[u32], n: usize) -> f64 {
    if tokens.len() < n || n == 0 {
        return 0.0;
    }
    let grams: HashSet<&[u32]> = tokens.windows(n).collect();
    grams.len() as f64 / (tokens.len() - n + 1) as f64
}

/// One finished generation.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TextGeneration {
    /// Perplexity on real held-out text.
    #[serde(with = "crate::engine::wire::nan_f64")]
    pub perplexity: f64,
    /// Share of distinct 4-grams in the text it wrote.
    #[serde(with = "crate::engine::wire::nan_f64")]
    pub distinct: f64,
    /// The start of the text it wrote.
    pub excerpt: String,
}

/// What the language-model view shows besides the metrics.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TextView {
    /// See [`TextCollapse::real_distinct`].
    #[serde(with = "crate::engine::wire::nan_f64")]
    pub real_distinct: f64,
    /// See [`TextCollapse::gens`].
    pub gens: Vec<TextGeneration>,
    /// See [`TextCollapse::real_excerpt`].
    pub real_excerpt: String,
}

/// The language-model view's run, one generation per round of [`RoundRun`].
pub struct TextRounds {
    model: Option<CharMlp>,
    optim: ModuleOptimizer,
    loss_fn: CrossEntropyLoss,
    corpus: Rc<Corpus>,
    shape: CharMlpShape,
    pool: Pool<u32>,
    val: (Tensor<2, Int>, Tensor<1, Int>),
    cfg: CollapseConfig,
    rng: Rng,
    writing: Option<Writing>,
    /// The text the last generation wrote, for the next round's pool.
    written: Vec<u32>,
    records: Vec<Record>,
    device: Device,
    /// Share of distinct 4-grams in the real text generation 0 trains on (the reference).
    pub real_distinct: f64,
    /// Finished generations, oldest first.
    pub gens: Vec<TextGeneration>,
    /// The start of the real text generation 0 trains on, as long as a generation's excerpt.
    pub real_excerpt: String,
    /// Generations already in a view frame.
    shown: Option<usize>,
}

/// The language-model view's run as the engine drives it.
pub type TextCollapse = RoundRun<TextRounds>;

impl RoundRun<TextRounds> {
    /// Generation 0, about to train on the first `cfg.n` characters of the real training text.
    pub fn new(corpus: Rc<Corpus>, cfg: CollapseConfig, device: &Device) -> Self {
        Self::drive(TextRounds::new(corpus, cfg, device))
    }

    /// Total training steps of a run.
    pub fn budget(cfg: &CollapseConfig) -> u64 {
        cfg.generations.max(1) as u64 * cfg.steps.max(1)
    }
}

impl TextRounds {
    fn new(corpus: Rc<Corpus>, cfg: CollapseConfig, device: &Device) -> Self {
        let n = cfg.n.clamp(CONTEXT + 2, corpus.train.len());
        let real = corpus.train[..n].to_vec();
        let val = windows(&corpus.val, CONTEXT, VAL_BATCH, &mut Rng::stream(0, 11), device);
        Self {
            model: Some(CharMlp::new(shape(&corpus), cfg.seed, device)),
            optim: AdamConfig::new().init(),
            loss_fn: CrossEntropyLossConfig::new().init(device),
            shape: shape(&corpus),
            real_distinct: distinct_ngrams(&real, 4),
            real_excerpt: corpus.decode(&real[..EXCERPT.min(real.len())]),
            pool: Pool::new(real, cfg.mode, cfg.real_frac),
            corpus,
            val,
            cfg,
            rng: Rng::stream(cfg.seed, 33),
            writing: None,
            written: Vec::new(),
            records: Vec::new(),
            device: device.clone(),
            gens: Vec::new(),
            shown: None,
        }
    }

    /// Records generation `g`'s figures and keeps its text for the next round.
    fn finish_generation(&mut self, g: u64, text: Vec<u32>, val_loss: f64) {
        let gen = TextGeneration {
            perplexity: val_loss.exp(),
            distinct: distinct_ngrams(&text, 4),
            excerpt: self.corpus.decode(&text[..EXCERPT.min(text.len())]),
        };
        self.records.push(Record { name: "perplexity".into(), x: g, y: gen.perplexity });
        self.records.push(Record { name: "distinct_4grams".into(), x: g, y: gen.distinct });
        self.gens.push(gen);
        self.written = text;
    }
}

impl Rounds for TextRounds {
    fn view(&mut self) -> Option<Frame> {
        (self.shown != Some(self.gens.len())).then(|| {
            self.shown = Some(self.gens.len());
            let (real_distinct, gens, real_excerpt) =
                (self.real_distinct, self.gens.clone(), self.real_excerpt.clone());
            Frame::encode(&TextView { real_distinct, gens, real_excerpt })
        })
    }

    fn metric_names(&self) -> Vec<String> {
        vec!["lm_loss".into()]
    }

    fn rounds(&self) -> usize {
        self.cfg.generations.max(1)
    }

    fn steps_in(&self, _round: usize) -> u64 {
        self.cfg.steps.max(1)
    }

    fn step(&mut self, _at: At, _inspect: bool) -> StepOutput {
        let model = self.model.take().expect("model is always put back after a step");
        let (x, y) = windows(&self.pool.data, CONTEXT, BATCH, &mut self.rng, &self.device);
        let loss = self.loss_fn.forward(model.forward(x), y); // [1]
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(LR, model, grads));
        StepOutput { metrics: loss.inner(), host: Vec::new(), extra: Vec::new() }
    }

    /// The weights, then the loss on real held-out text, at a generation's end.
    fn readback(&mut self, _at: At) -> Vec<Tensor<1>> {
        let Some(model) = self.model.as_ref() else { return Vec::new() };
        let mut parts = model.parts();
        let logits = model.valid().forward(self.val.0.clone().inner());
        parts.push(self.loss_fn.valid().forward(logits, self.val.1.clone().inner()));
        parts
    }

    /// Starts writing the generation's text from the read-back weights (as host work).
    fn absorb(&mut self, at: At, mut data: Vec<Vec<f32>>) -> bool {
        if data.len() != 6 {
            return false;
        }
        let val_loss = data.pop().and_then(|v| v.first().copied()).map(f64::from).unwrap_or(f64::NAN);
        let Some(host) = HostCharMlp::from_parts(self.shape, data) else { return false };
        // The text starts from a real prompt and is as long as a generation's batch.
        let text = self.corpus.val[..CONTEXT].to_vec();
        self.writing = Some(Writing { host, text, val_loss, gen: at.round as u64 });
        true
    }

    fn host_work_pending(&self) -> bool {
        self.writing.is_some()
    }

    fn host_work(&mut self) -> bool {
        let Some(w) = self.writing.as_mut() else { return false };
        let want = self.cfg.n.max(CONTEXT + 2) + CONTEXT;
        let more = w.host.sample(&w.text, SAMPLE_CHUNK.min(want - w.text.len()), self.cfg.temperature, &mut self.rng);
        w.text.extend(more);
        if w.text.len() < want {
            return true;
        }
        let Some(Writing { mut text, val_loss, gen, .. }) = self.writing.take() else { return false };
        self.finish_generation(gen, text.split_off(CONTEXT), val_loss);
        false
    }

    /// Generation `round` trains from fresh weights on the pool with the last generation's text.
    fn begin(&mut self, round: usize) {
        let written = std::mem::take(&mut self.written);
        self.pool.advance(&written);
        let seed = self.cfg.seed.wrapping_add(round as u64);
        self.model = Some(CharMlp::new(self.shape, seed, &self.device));
        self.optim = AdamConfig::new().init();
    }

    fn drain_records(&mut self) -> Vec<Record> {
        std::mem::take(&mut self.records)
    }
}
