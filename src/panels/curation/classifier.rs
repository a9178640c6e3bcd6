//! The quality classifier: logistic regression over hashed word unigrams and bigrams, as GPT-3
//! filtered Common Crawl (Brown et al. 2020, appendix A: reference text against raw crawl). Each
//! document becomes the L2-normalised counts of its n-grams in 2¹⁰ buckets (FNV-1a); the model is
//! one Burn `Linear` layer trained with AdamW (strong weight decay) on a class-weighted binary cross-entropy (the
//! reference text is a few dozen documents against hundreds of crawl documents), positives the
//! held-out reference text, negatives the whole raw crawl. Its score is σ(w·x + b).

use crate::engine::data::curation::fnv;
use crate::engine::job::{Experiment, StepOutput};
use crate::engine::view::Frame;
use burn::module::Module;
use burn::nn::{Linear, LinearConfig};
use burn::optim::{AdamWConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use burn::tensor::activation::{log_sigmoid, sigmoid};

/// Hash buckets.
pub const BUCKETS: usize = 1024;
/// Full-batch training steps.
pub const STEPS: u64 = 120;
/// AdamW's learning rate.
pub const LR: f64 = 0.05;
/// AdamW's decoupled weight decay: strong, so that the model cannot memorise the few reference
/// documents and must score by what reference-like text has in common.
pub const WEIGHT_DECAY: f32 = 1.0;

/// The hashed, L2-normalised unigram and bigram counts of `text`.
pub fn features(text: &str) -> Vec<f32> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut x = vec![0f32; BUCKETS];
    let mut add = |s: &str| x[(fnv(s.as_bytes()) % BUCKETS as u64) as usize] += 1.0;
    words.iter().for_each(|w| add(w));
    words.windows(2).for_each(|w| add(&format!("{} {}", w[0], w[1])));
    let norm = x.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-6);
    x.iter_mut().for_each(|v| *v /= norm);
    x
}

fn matrix(texts: &[&str], device: &Device) -> Tensor<2> {
    let data: Vec<f32> = texts.iter().flat_map(|t| features(t)).collect();
    Tensor::from_data(TensorData::new(data, [texts.len(), BUCKETS]), device)
}

/// One classifier run: train on reference vs crawl, then score the crawl.
pub struct ClassifierRun {
    model: Option<Linear>,
    optim: ModuleOptimizer,
    x: Tensor<2>,
    y: Tensor<2>,
    weight: Tensor<2>,
    crawl: Tensor<2>,
    /// The crawl's scores, once read back.
    pub scores: Option<Vec<f32>>,
    pending: bool,
    fresh: bool,
}

impl ClassifierRun {
    /// A fresh classifier for `reference` (label 1) against `crawl` (label 0), on `device`.
    pub fn new(reference: &[&str], crawl: &[&str], device: &Device) -> Self {
        let (p, n) = (reference.len().max(1), crawl.len().max(1));
        let texts: Vec<&str> = reference.iter().chain(crawl).copied().collect();
        let labels: Vec<f32> = (0..texts.len()).map(|i| f32::from(u8::from(i < reference.len()))).collect();
        // Each class weighs half of the loss.
        let w: Vec<f32> = labels.iter().map(|&l| if l > 0.5 { 0.5 / p as f32 } else { 0.5 / n as f32 }).collect();
        let k = texts.len();
        Self {
            model: Some(LinearConfig::new(BUCKETS, 1).with_initializer(burn::nn::Initializer::Zeros).init(device)),
            optim: AdamWConfig::new().with_weight_decay(WEIGHT_DECAY).init(),
            x: matrix(&texts, device),
            y: Tensor::from_data(TensorData::new(labels, [k, 1]), device),
            weight: Tensor::from_data(TensorData::new(w, [k, 1]), device),
            crawl: matrix(crawl, device),
            scores: None,
            pending: false,
            fresh: false,
        }
    }

    /// The crawl's scores σ(w·x + b), `[n]`.
    pub fn score(&self) -> Tensor<1> {
        let model = self.model.as_ref().expect("model is always put back after a step").valid();
        let z = model.forward(self.crawl.clone().inner()); // [n, 1], no autodiff graph
        sigmoid(z).flatten(0, 1)
    }

    /// Trains to the end here and now (on a CPU device: the readback is synchronous) and returns
    /// the crawl's scores.
    pub fn train_now(mut self) -> Vec<f32> {
        (1..=STEPS).for_each(|s| drop(self.train_step(s, false)));
        self.score().into_data().try_into_vec::<f32>().unwrap_or_default()
    }
}

impl Experiment for ClassifierRun {
    fn metric_names(&self) -> Vec<String> {
        vec!["classifier_loss".into(), "classifier_accuracy".into()]
    }

    fn train_step(&mut self, step: u64, _inspect: bool) -> StepOutput {
        let model = self.model.take().expect("model is always put back after a step");
        let z = model.forward(self.x.clone()); // [k, 1]
        let y = self.y.clone();
        // −[y ln σ(z) + (1 − y) ln σ(−z)], weighted per example.
        let nll = (y.clone() * log_sigmoid(z.clone()) + (y.clone().neg() + 1.0) * log_sigmoid(z.clone().neg())).neg();
        let loss = (nll * self.weight.clone()).sum(); // [1]
        let right = z.inner().greater_elem(0.0).float().equal(y.inner()).float();
        let accuracy = (right * self.weight.clone().inner()).sum(); // balanced accuracy
        let metrics = Tensor::cat(vec![loss.clone().inner(), accuracy], 0);
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(LR, model, grads));
        self.pending = step == STEPS;
        StepOutput { metrics, host: Vec::new(), extra: Vec::new() }
    }

    fn waiting(&self) -> bool {
        self.pending
    }

    fn snapshot(&mut self) -> Vec<Tensor<1>> {
        vec![self.score()]
    }

    fn absorb(&mut self, _extra: Vec<Vec<f32>>, snapshot: Vec<Vec<f32>>) {
        if let Some(s) = snapshot.into_iter().next() {
            self.scores = Some(s);
            self.pending = false;
            self.fresh = true;
        }
    }

    /// The scores (an `Option<Vec<f32>>`).
    fn view(&mut self) -> Option<Frame> {
        std::mem::take(&mut self.fresh).then(|| Frame::encode(&self.scores))
    }
}
