//! Panel 06's training runs: one character-level language model (the [`CharMlp`] of panel 01, on
//! *Moby-Dick*) trained from the same weights on the same batches under five precision recipes.
//! The weights the optimizer (Burn's Adam) updates are always fp32 "master" weights; the forward
//! and backward passes run in the recipe's format by casting the weights and activations to Burn's
//! own `f16`/`bf16` tensors (`Tensor::cast`, differentiable: the gradient of a cast is cast back),
//! so a gradient that is too small for fp16 really becomes zero on its way back. The loss and the
//! softmax stay in fp32, as mixed-precision training keeps them.
//!
//! A model this small has large gradients; a large model's are spread over billions of weights and
//! averaged over millions of tokens a step, so each is tiny. To put this model's gradients where a
//! large model's sit, every recipe multiplies its loss by 2^−s (the "gradient size" setting). Adam
//! divides by the gradient's own size, so fp32 training is not changed by it (its ε is set to
//! 10⁻¹² so that it stays out of the way).

use super::histogram::{histogram, GradHistogram};
use super::scaler::DynamicScaler;
use crate::engine::clip::{flattened, global_norm, scale};
use crate::engine::data::text::{windows, Corpus};
use crate::engine::job::{Experiment, StepOutput};
use crate::engine::memory::bytes;
use crate::engine::models::char_mlp::{CharMlp, CharMlpShape};
use crate::engine::rng::Rng;
use crate::engine::schedule::{Kind, Schedule};
use crate::engine::view::Frame;
use burn::module::{Module, ModuleMapper, Param};
use burn::nn::loss::CrossEntropyLossConfig;
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use burn::tensor::FloatDType;

/// Characters of context, embedding width and hidden width of the model.
pub const SHAPE: (usize, usize, usize) = (3, 16, 64);
/// Windows per training batch.
pub const BATCH: usize = 256;
/// Held-out windows the loss is measured on.
pub const VAL: usize = 512;
/// A gradient below this rounds to zero in fp16 (half the smallest subnormal, 2⁻²⁴; ties go to
/// the even neighbour, zero).
pub const FP16_ZERO: f32 = 2.980_232_2e-8;

/// A way of training in reduced precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recipe {
    /// Everything in fp32.
    Fp32,
    /// fp16 compute over fp32 master weights, no loss scaling.
    Fp16,
    /// fp16 compute, fp32 master weights, dynamic loss scaling.
    Fp16Scaled,
    /// bf16 compute over fp32 master weights.
    Bf16,
    /// bf16 compute, and the weights themselves kept in bf16 (rounded after every update).
    Bf16Pure,
}

impl Recipe {
    /// All five, in the panel's order.
    pub const ALL: [Recipe; 5] = [Recipe::Fp32, Recipe::Fp16, Recipe::Fp16Scaled, Recipe::Bf16, Recipe::Bf16Pure];

    /// The part's name and the suffix of its loss series (`loss_<key>`).
    pub fn key(self) -> &'static str {
        match self {
            Recipe::Fp32 => "fp32",
            Recipe::Fp16 => "fp16",
            Recipe::Fp16Scaled => "fp16_scaled",
            Recipe::Bf16 => "bf16",
            Recipe::Bf16Pure => "bf16_pure",
        }
    }

    /// The format of the forward and backward passes.
    pub fn dtype(self) -> FloatDType {
        match self {
            Recipe::Fp32 => FloatDType::F32,
            Recipe::Fp16 | Recipe::Fp16Scaled => FloatDType::F16,
            Recipe::Bf16 | Recipe::Bf16Pure => FloatDType::BF16,
        }
    }
}

/// What a run is built from (shared by all recipes; the scaler settings only matter to one).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PrecisionConfig {
    /// Adam's peak learning rate; it decays along a cosine to a tenth of it by the last step.
    pub lr: f64,
    /// Steps of the run (the length of the decay).
    pub steps: u64,
    /// The loss is multiplied by 2^−shrink.
    pub shrink: i32,
    /// The scaler starts at 2^init_scale.
    pub init_scale: i32,
    /// Clean steps before the scaler doubles.
    pub growth_interval: u32,
    /// Seed of the weights and the batches.
    pub seed: u64,
}

/// What the view shows of a run: the bytes its forward pass held, and (fp32 run) the histogram of
/// its last gradients.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RecipeView {
    /// Bytes of one training step's forward pass.
    pub held: Held,
    /// The fp32 run's gradient histogram.
    pub hist: Option<GradHistogram>,
}

/// One recipe's run.
pub struct RecipeRun {
    recipe: Recipe,
    model: Option<CharMlp>,
    opt: ModuleOptimizer,
    scaler: DynamicScaler,
    train: Vec<u32>,
    val: (Tensor<2, Int>, Tensor<1, Int>),
    vocab: usize,
    rng: Rng,
    cfg: PrecisionConfig,
    /// The fp32 run's last gradients (logits' first), for the histogram.
    last: Vec<Tensor<1>>,
    hist: Option<GradHistogram>,
    /// What one training step's forward pass holds (fixed by the shapes and the format).
    held: Held,
    /// Whether the view has changed since it was last sent.
    changed: bool,
    step: u64,
    device: Device,
}

/// Bytes of the tensors one forward pass creates, read from each tensor's shape and dtype.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Held {
    /// Activations kept for the backward pass: embeddings, pre-activations, hidden values, logits.
    pub activations: usize,
    /// The weights cast to the compute format (none in fp32).
    pub weight_copies: usize,
}

/// Contexts → logits, computed in `dt` from the fp32 weights, returned in fp32.
pub fn forward(m: &CharMlp, ctx: Tensor<2, Int>, dt: FloatDType) -> Tensor<2> {
    forward_counted(m, ctx, dt).0
}

/// [`forward`], with the bytes of what it created.
pub fn forward_counted(m: &CharMlp, ctx: Tensor<2, Int>, dt: FloatDType) -> (Tensor<2>, Held) {
    let [b, c] = ctx.dims();
    let d = m.embed.val().dims()[1];
    let cast = dt != FloatDType::F32;
    let (emb, w1, b1, w2, b2) =
        (m.embed.val().cast(dt), m.w1.val().cast(dt), m.b1.val().cast(dt), m.w2.val().cast(dt), m.b2.val().cast(dt));
    let copies = if cast { bytes(&emb) + bytes(&w1) + bytes(&b1) + bytes(&w2) + bytes(&b2) } else { 0 };
    let e = emb.select(0, ctx.reshape([b * c])).reshape([b, c * d]); // [B, C·d]
    let z = e.clone().matmul(w1) + b1.unsqueeze(); // [B, h]
    let h = z.clone().tanh();
    let out = h.clone().matmul(w2) + b2.unsqueeze(); // [B, V]
    let logits = out.clone().cast(FloatDType::F32);
    let extra = if cast { bytes(&logits) } else { 0 };
    let held = Held { activations: bytes(&e) + bytes(&z) + bytes(&h) + bytes(&out) + extra, weight_copies: copies };
    (logits, held)
}

/// Rounds every weight to a format and back (the weights of a pure-bf16 run live in bf16).
struct RoundWeights(FloatDType);

impl ModuleMapper for RoundWeights {
    fn map_float<const D: usize>(&mut self, p: Param<Tensor<D>>) -> Param<Tensor<D>> {
        let dt = self.0;
        p.map(|t| Tensor::from_inner(t.inner().cast(dt).cast(FloatDType::F32)).require_grad())
    }
}

impl RecipeRun {
    /// The run of `recipe`, from the seed's weights.
    pub fn new(recipe: Recipe, cfg: PrecisionConfig, device: &Device) -> Self {
        let corpus = Corpus::moby_dick();
        let (context, embed, hidden) = SHAPE;
        let shape = CharMlpShape { vocab: corpus.v(), context, embed, hidden };
        let mut model = CharMlp::new(shape, cfg.seed, device);
        if recipe == Recipe::Bf16Pure {
            model = model.map(&mut RoundWeights(FloatDType::BF16));
        }
        let val = windows(&corpus.val, context, VAL, &mut Rng::stream(cfg.seed, 61), device);
        // The shapes and dtypes of a training step's tensors do not change over the run: count
        // them once, on a batch-sized slice of the held-out windows.
        let ctx = val.0.clone().inner().narrow(0, 0, BATCH);
        let held = forward_counted(&model.valid(), ctx, recipe.dtype()).1;
        Self {
            recipe,
            model: Some(model),
            opt: AdamConfig::new().with_epsilon(1e-12).init(),
            scaler: DynamicScaler::new(2f32.powi(cfg.init_scale), cfg.growth_interval),
            train: corpus.train,
            val,
            vocab: shape.vocab,
            rng: Rng::stream(cfg.seed, 62),
            cfg,
            last: Vec::new(),
            hist: None,
            held,
            changed: true,
            step: 0,
            device: device.clone(),
        }
    }

    /// The learning rate of `step` (from 1): cosine decay from the peak to a tenth of it.
    fn lr(&self, step: u64) -> f64 {
        let total = self.cfg.steps.max(2) as usize;
        let s = Schedule { kind: Kind::Cosine, peak: self.cfg.lr, warmup: 2, total, min_ratio: 0.1 };
        s.lr((step.saturating_sub(1) as usize).min(total - 1))
    }

    /// Held-out cross-entropy in nats, in the recipe's format, `[1]`.
    fn val_loss(&self) -> Tensor<1> {
        let m = self.model.as_ref().expect("model is always put back after a step").valid();
        let logits = forward(&m, self.val.0.clone().inner(), self.recipe.dtype());
        CrossEntropyLossConfig::new().init(&self.device).forward(logits, self.val.1.clone().inner())
    }

    /// Whether every gradient is finite: one value read back at once (the runs are on the CPU,
    /// where that read is immediate, also in the browser).
    fn finite(&self, m: &CharMlp, grads: &GradientsParams) -> bool {
        let norm = global_norm(m, grads, &self.device).inner();
        norm.into_data().iter::<f32>().next().is_some_and(f32::is_finite)
    }
}

/// Share of the nonzero entries of `g` that would round to zero in fp16, `[1]`.
fn underflow_share(g: Tensor<1>) -> Tensor<1> {
    let a = g.abs();
    let nonzero = a.clone().greater_elem(0.0).float();
    let tiny = a.lower_elem(FP16_ZERO).float() * nonzero.clone();
    tiny.sum() / nonzero.sum().clamp_min(1.0)
}

impl Experiment for RecipeRun {
    fn metric_names(&self) -> Vec<String> {
        let k = self.recipe.key();
        let mut names = vec![format!("loss_{k}")];
        names.extend(match self.recipe {
            Recipe::Fp32 => vec!["underflow_share".to_string(), "zero_grads_fp32".to_string()],
            Recipe::Fp16 => vec!["zero_grads_fp16".to_string()],
            Recipe::Bf16Pure => vec!["unchanged_bf16_pure".to_string()],
            _ => Vec::new(),
        });
        match self.recipe {
            Recipe::Fp16 => names.push("overflow_fp16".into()),
            Recipe::Fp16Scaled => names.extend(["loss_scale".into(), "skipped_fp16_scaled".into()]),
            _ => {}
        }
        names
    }

    fn train_step(&mut self, step: u64, _inspect: bool) -> StepOutput {
        self.step = step;
        let (x, y) = windows(&self.train, SHAPE.0, BATCH, &mut self.rng, &self.device);
        let m = self.model.take().expect("model is always put back after a step");
        let logits = forward(&m, x, self.recipe.dtype());
        let loss = CrossEntropyLossConfig::new().init(&self.device).forward(logits.clone(), y.clone());
        let shrink = 2f32.powi(-self.cfg.shrink);
        let s = if self.recipe == Recipe::Fp16Scaled { self.scaler.scale } else { 1.0 };
        let mut grads = GradientsParams::from_grads((loss * (shrink * s)).backward(), &m);
        // Only fp16 can overflow where fp32 would not; elsewhere no value is read back here.
        let fp16 = matches!(self.recipe, Recipe::Fp16 | Recipe::Fp16Scaled);
        let ok = !fp16 || self.finite(&m, &grads);
        let scale_used = self.scaler.scale;
        let stepped = match self.recipe {
            Recipe::Fp16Scaled => self.scaler.update(ok),
            // fp16 without a scaler: an overflow is the lesson, so it is skipped and counted, not
            // trained on. In fp32 and bf16 (fp32's range) a non-finite gradient is a divergence:
            // the step goes ahead, the loss turns NaN, and the job stops.
            Recipe::Fp16 => {
                self.scaler.skipped += u64::from(!ok);
                ok
            }
            _ => true,
        };
        let mut extra = Vec::new();
        if matches!(self.recipe, Recipe::Fp32 | Recipe::Fp16) {
            let weight_grads: Vec<Tensor<1>> = flattened(&m, &grads).into_iter().map(|g| g.inner()).collect();
            if self.recipe == Recipe::Fp32 {
                // The logits' gradient is (softmax − one-hot)/B times the loss's factor.
                let onehot = y.one_hot(self.vocab).float().inner();
                let dlogits = (burn::tensor::activation::softmax(logits.inner(), 1) - onehot) * (shrink / BATCH as f32);
                self.last = std::iter::once(dlogits.flatten(0, 1)).chain(weight_grads.iter().cloned()).collect();
                extra.push(underflow_share(Tensor::cat(self.last.clone(), 0)));
            }
            // Measured, not predicted: the share of this run's weight gradients that are exactly 0.
            extra.push(Tensor::cat(weight_grads, 0).equal_elem(0.0).float().mean());
        }
        let before = (self.recipe == Recipe::Bf16Pure).then(|| flat_weights(&m));
        let m = if stepped {
            if s != 1.0 {
                scale(&m, &mut grads, 1.0 / s, &self.device);
            }
            self.opt.step(self.lr(step), m, grads)
        } else {
            m
        };
        let m = match before {
            Some(before) => {
                let m = m.map(&mut RoundWeights(FloatDType::BF16));
                extra.push(flat_weights(&m).equal(before).float().mean());
                m
            }
            None => m,
        };
        self.model = Some(m);
        let mut metrics = vec![self.val_loss()];
        metrics.extend(extra);
        let host = match self.recipe {
            Recipe::Fp16 => vec![self.scaler.skipped as f32],
            Recipe::Fp16Scaled => vec![scale_used, self.scaler.skipped as f32],
            _ => Vec::new(),
        };
        StepOutput { metrics: Tensor::cat(metrics, 0), host, extra: Vec::new() }
    }

    fn snapshot(&mut self) -> Vec<Tensor<1>> {
        if self.last.is_empty() {
            Vec::new()
        } else {
            vec![Tensor::cat(self.last.clone(), 0)]
        }
    }

    fn absorb(&mut self, _extra: Vec<Vec<f32>>, snapshot: Vec<Vec<f32>>) {
        if let Some(g) = snapshot.first() {
            self.hist = Some(histogram(g, self.step));
            self.changed = true;
        }
    }

    fn view(&mut self) -> Option<Frame> {
        if !std::mem::take(&mut self.changed) {
            return None;
        }
        Some(Frame::encode(&RecipeView { held: self.held, hist: self.hist.clone() }))
    }
}

/// Every weight, flattened into one `[n]` (inner backend).
fn flat_weights(m: &CharMlp) -> Tensor<1> {
    Tensor::cat(m.parts(), 0)
}
