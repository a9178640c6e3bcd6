//! The first view's run: generation after generation, a K-component Gaussian mixture is fitted on
//! the engine by gradient descent on the negative log-likelihood of its training set (Adam, full
//! batch, from a k-means start), read back, and sampled on the host to make the next generation's
//! data (see [`Pool`]).
//!
//! Each generation is one round of the engine's [`RoundRun`]. Per step it records `fit_nll`. Per generation g (x = g) it records `sigma` (the fitted mixture's
//! standard deviation) and `tail_mass` (the fitted mass farther than 2σ₀ from the fitted mean, σ₀
//! being the real distribution's standard deviation), and keeps a histogram of what generation g
//! trained on. The tail is measured around the model's own mean so that a distribution that has
//! shrunk to a spike counts as tail-less wherever the spike has wandered.

use super::mixture::Mixture;
use super::pool::{Mode, Pool};
use crate::engine::job::{Record, StepOutput};
use crate::engine::rng::Rng;
use crate::engine::rounds::{At, RoundRun, Rounds};
use crate::engine::view::Frame;
use burn::module::Param;
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use burn::tensor::activation::log_softmax;

/// Mixture components fitted.
pub const K: usize = 3;
/// Gradient steps per generation.
pub const FIT_STEPS: u64 = 60;
/// Adam's learning rate for the fit.
pub const FIT_LR: f64 = 0.05;
/// Smallest component σ the fit may reach (the likelihood is unbounded as σ → 0 on one point).
pub const MIN_SIGMA: f64 = 0.05;
/// The histogram's range and bin count.
pub const HIST: (f64, f64, usize) = (-4.5, 8.5, 52);

/// What a collapse run is built from (both views share it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CollapseConfig {
    /// Data points (or characters) per generation.
    pub n: usize,
    /// Generations, counting generation 0.
    pub generations: usize,
    /// Sampling temperature.
    pub temperature: f64,
    /// Share of each generation's batch that is kept real data.
    pub real_frac: f64,
    /// Replace or accumulate.
    pub mode: Mode,
    /// Seed of the real data, the samples and the weights.
    pub seed: u64,
    /// Training steps per generation.
    pub steps: u64,
}

/// One finished generation.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MixtureGeneration {
    /// The mixture fitted.
    pub fitted: Mixture,
    /// Density histogram of the data it was fitted to, over [`HIST`].
    #[serde(with = "crate::engine::wire::f64s")]
    pub hist: Vec<f64>,
}

/// The fitted parameters `[logits; means; log σ]`, `[3K]`.
#[derive(Module, Debug)]
pub struct MixtureParams {
    /// The raw parameters.
    pub raw: Param<Tensor<1>>,
}

impl MixtureParams {
    fn new(start: &Mixture, device: &Device) -> Self {
        let raw = start.to_raw();
        let n = raw.len();
        Self { raw: Param::from_tensor(Tensor::from_data(TensorData::new(raw, [n]), device)) }
    }

    /// Mean negative log-likelihood of `x: [n]`, `[1]`.
    pub fn nll(&self, x: Tensor<1>) -> Tensor<1> {
        let n = x.dims()[0];
        let raw = self.raw.val();
        let log_w = log_softmax(raw.clone().narrow(0, 0, K).reshape([1, K]), 1); // [1, K]
        let mu = raw.clone().narrow(0, K, K).reshape([1, K]);
        let log_s = raw.narrow(0, 2 * K, K).clamp_min(MIN_SIGMA.ln()).reshape([1, K]);
        let z = (x.reshape([n, 1]) - mu) / log_s.clone().exp(); // [n, K]
        let half_ln_2pi = 0.5 * (2.0 * std::f64::consts::PI).ln();
        let log_p = log_w - z.powi_scalar(2) * 0.5 - log_s - half_ln_2pi; // [n, K]
        let m = log_p.clone().max_dim(1).detach(); // [n, 1]
        let lse = (log_p - m.clone()).exp().sum_dim(1).log() + m; // [n, 1]
        lse.mean().neg()
    }
}

/// A density histogram of `xs` over [`HIST`] (values outside fall in the end bins).
pub fn histogram(xs: &[f64]) -> Vec<f64> {
    let (lo, hi, bins) = HIST;
    let width = (hi - lo) / bins as f64;
    let mut h = vec![0.0; bins];
    for x in xs.iter().filter(|x| x.is_finite()) {
        h[(((x - lo) / width).floor().max(0.0) as usize).min(bins - 1)] += 1.0;
    }
    let scale = 1.0 / (xs.len().max(1) as f64 * width);
    h.iter_mut().for_each(|v| *v *= scale);
    h
}

/// At most `max` (≥ 2) of the indices `0..n`, evenly spaced, the first and the last always
/// included: the generations a long run shows.
pub fn spaced(n: usize, max: usize) -> Vec<usize> {
    let max = max.max(2);
    if n <= max {
        return (0..n).collect();
    }
    let mut r: Vec<usize> = (0..max - 1).map(|i| i * (n - 1) / (max - 1)).collect();
    r.push(n - 1);
    r.dedup();
    r
}

/// The mixture view's run, one generation per round of [`RoundRun`].
pub struct MixtureFit {
    params: Option<MixtureParams>,
    optim: ModuleOptimizer,
    data: Tensor<1>,
    pool: Pool<f64>,
    cfg: CollapseConfig,
    rng: Rng,
    /// The samples the last generation drew, for the next round's pool.
    synthetic: Vec<f64>,
    records: Vec<Record>,
    device: Device,
    /// Twice the real distribution's σ: the tail is what lies farther than this from the mean.
    pub tail_width: f64,
    /// Finished generations, oldest first.
    pub gens: Vec<MixtureGeneration>,
    /// Generations already in a view frame.
    shown: Option<usize>,
}

/// The mixture view's run as the engine drives it.
pub type MixtureCollapse = RoundRun<MixtureFit>;

impl RoundRun<MixtureFit> {
    /// Generation 0, about to fit `cfg.n` real samples.
    pub fn new(cfg: CollapseConfig, device: &Device) -> Self {
        Self::drive(MixtureFit::new(cfg, device))
    }

    /// Total gradient steps of a run.
    pub fn budget(cfg: &CollapseConfig) -> u64 {
        cfg.generations.max(1) as u64 * cfg.steps.max(1)
    }
}

impl MixtureFit {
    fn new(cfg: CollapseConfig, device: &Device) -> Self {
        let real = Mixture::real();
        let data = real.sample_stratified(cfg.n.max(2), &mut Rng::stream(cfg.seed, 31));
        let pool = Pool::new(data, cfg.mode, cfg.real_frac);
        let mut s = Self {
            params: None,
            optim: AdamConfig::new().init(),
            data: Tensor::zeros([1], device),
            pool,
            cfg,
            rng: Rng::stream(cfg.seed, 32),
            synthetic: Vec::new(),
            records: Vec::new(),
            device: device.clone(),
            tail_width: 2.0 * real.std(),
            gens: Vec::new(),
            shown: None,
        };
        s.start_fit();
        s
    }

    fn start_fit(&mut self) {
        let xs: Vec<f32> = self.pool.data.iter().map(|&v| v as f32).collect();
        let n = xs.len();
        self.data = Tensor::from_data(TensorData::new(xs, [n]), &self.device);
        let start = Mixture::kmeans_start(&self.pool.data, K, MIN_SIGMA);
        self.params = Some(MixtureParams::new(&start, &self.device));
        self.optim = AdamConfig::new().init();
    }
}

impl Rounds for MixtureFit {
    fn metric_names(&self) -> Vec<String> {
        vec!["fit_nll".into()]
    }

    fn rounds(&self) -> usize {
        self.cfg.generations.max(1)
    }

    fn steps_in(&self, _round: usize) -> u64 {
        self.cfg.steps.max(1)
    }

    fn step(&mut self, _at: At, _inspect: bool) -> StepOutput {
        let params = self.params.take().expect("parameters are always put back after a step");
        let loss = params.nll(self.data.clone()); // [1]
        let grads = GradientsParams::from_grads(loss.backward(), &params);
        self.params = Some(self.optim.step(FIT_LR, params, grads));
        StepOutput { metrics: loss.inner(), host: Vec::new(), extra: Vec::new() }
    }

    /// The fitted parameters, at a generation's end.
    fn readback(&mut self, _at: At) -> Vec<Tensor<1>> {
        self.params.as_ref().map(|p| vec![p.raw.val().inner()]).unwrap_or_default()
    }

    /// Records the generation's σ and tail mass and samples the next generation's data.
    fn absorb(&mut self, at: At, data: Vec<Vec<f32>>) -> bool {
        let Some(fitted) = data.first().and_then(|raw| Mixture::from_raw(raw)) else { return false };
        let g = at.round as u64;
        self.records.push(Record { name: "sigma".into(), x: g, y: fitted.std() });
        self.records.push(Record {
            name: "tail_mass".into(),
            x: g,
            y: fitted.tail_mass(fitted.mean(), self.tail_width),
        });
        self.synthetic = fitted.sample(self.pool.synthetic_needed(), self.cfg.temperature, &mut self.rng);
        self.gens.push(MixtureGeneration { fitted, hist: histogram(&self.pool.data) });
        true
    }

    fn begin(&mut self, _round: usize) {
        let synthetic = std::mem::take(&mut self.synthetic);
        self.pool.advance(&synthetic);
        self.start_fit();
    }

    /// The finished generations (a `Vec<MixtureGeneration>`), when one was added.
    fn view(&mut self) -> Option<Frame> {
        (self.shown != Some(self.gens.len())).then(|| {
            self.shown = Some(self.gens.len());
            Frame::encode(&self.gens)
        })
    }

    fn drain_records(&mut self) -> Vec<Record> {
        std::mem::take(&mut self.records)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_keeps_the_first_and_the_last() {
        assert_eq!(spaced(3, 14), vec![0, 1, 2]);
        let r = spaced(100, 14);
        assert!(r.len() <= 14 && r[0] == 0 && *r.last().unwrap() == 99, "{r:?}");
        assert!(r.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn histogram_is_a_density() {
        let h = histogram(&[0.0, 0.1, 100.0, f64::NAN]);
        let width = (HIST.1 - HIST.0) / HIST.2 as f64;
        assert!((h.iter().sum::<f64>() * width - 0.75).abs() < 1e-12, "the NaN is dropped, the outlier kept");
        assert!(h[HIST.2 - 1] > 0.0);
    }
}
