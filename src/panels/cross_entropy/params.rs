//! Panel 01's state: the single prediction the reader edits (vocabulary size, logits, target,
//! temperature, label smoothing) and the language-model run (learning rate, steps, seed).

use super::experiment::LmConfig;
use crate::state::params::{Custom, Field, Flag, Int, Params, Real, Seed};

/// Vocabulary sizes offered for the single prediction.
pub const V_RANGE: (usize, usize) = (4, 65);
/// Logits are kept within ±this.
pub const LOGIT_MAX: f64 = 6.0;

/// Token labels for the single prediction (nanoGPT's 65 Shakespeare characters, near enough).
pub const LABELS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?'";

/// Everything panel 01 is built from.
#[derive(Clone, Debug, PartialEq)]
pub struct XentParams {
    /// The prediction's logits, one per token (`logits.len()` is V).
    pub logits: Vec<f64>,
    /// Index of the correct token.
    pub target: usize,
    /// Softmax temperature (also used when sampling text from the model).
    pub temp: f64,
    /// Label smoothing on or off (the prediction's loss and the model's training objective).
    pub smoothing: bool,
    /// Smoothing strength α.
    pub alpha: f64,
    /// Adam's learning rate for the language model.
    pub lr: f64,
    /// Training steps of the language model.
    pub steps: u64,
    /// Seed of the model's weights and batch order.
    pub seed: u64,
    /// Hidden controls.
    pub hide: Vec<String>,
}

impl Default for XentParams {
    fn default() -> Self {
        Self {
            logits: vec![1.0, 2.5, -0.5, 0.0, 0.5, -1.0, 1.5, -2.0],
            target: 0,
            temp: 1.0,
            smoothing: false,
            alpha: 0.1,
            lr: 3e-3,
            steps: 3000,
            seed: 1,
            hide: Vec::new(),
        }
    }
}

impl XentParams {
    /// Vocabulary size V.
    pub fn v(&self) -> usize {
        self.logits.len()
    }
    /// Label smoothing α in effect (0 when off).
    pub fn alpha_in_effect(&self) -> f64 {
        if self.smoothing {
            self.alpha
        } else {
            0.0
        }
    }
    /// Resizes the vocabulary to `v`, keeping existing logits and adding zeros.
    pub fn resize(&mut self, v: usize) {
        self.logits.resize(v.clamp(V_RANGE.0, V_RANGE.1), 0.0);
        self.target = self.target.min(self.v() - 1);
    }
    /// The language model's run settings.
    pub fn lm(&self) -> LmConfig {
        LmConfig { lr: self.lr, smoothing: self.smoothing.then_some(self.alpha), seed: self.seed }
    }
}

/// Parses `1,2.5,-0.5,…`: entries that are not numbers become 0, all are kept within ±[`LOGIT_MAX`],
/// and the count within [`V_RANGE`].
fn read_logits(p: &mut XentParams, raw: &str, notes: &mut Vec<String>) {
    let parsed: Vec<Option<f64>> =
        raw.split(',').map(|s| s.trim().parse::<f64>().ok().filter(|v| v.is_finite())).collect();
    let mut out: Vec<f64> = parsed.iter().map(|v| v.unwrap_or(0.0).clamp(-LOGIT_MAX, LOGIT_MAX)).collect();
    if parsed.iter().any(Option::is_none) {
        notes.push("logits: entries that are not numbers were set to 0.".into());
    }
    if out.len() < V_RANGE.0 || out.len() > V_RANGE.1 {
        notes.push(format!("logits: {} values given; V must be {}–{}.", out.len(), V_RANGE.0, V_RANGE.1));
        out.resize(out.len().clamp(V_RANGE.0, V_RANGE.1), 0.0);
    }
    p.logits = out;
}

type P = XentParams;

/// The prediction's logits (dragged on the bars).
pub const LOGITS: Custom<P> = Custom {
    key: "logits",
    read: read_logits,
    write: |p| Some(p.logits.iter().map(|v| format!("{}", (v * 100.0).round() / 100.0)).collect::<Vec<_>>().join(",")),
};
/// The vocabulary size.
pub const V: Int<P> = Int::<P>::new(
    "v",
    "Vocabulary size V",
    (V_RANGE.0 as u64, V_RANGE.1 as u64),
    |p| p.v() as u64,
    |p, v| p.resize(v as usize),
);
/// The correct token (below V: see [`Params::settle`]).
pub const TARGET: Int<P> = Int::<P>::new(
    "target",
    "Target token (index, below V)",
    (0, V_RANGE.1 as u64 - 1),
    |p| p.target as u64,
    |p, v| p.target = v as usize,
);
/// The softmax temperature.
pub const TEMP: Real<P> = Real::<P>::new("temp", "Temperature T", (0.1, 10.0), |p| p.temp, |p, v| p.temp = v).log();
/// Label smoothing on or off.
pub const SMOOTHING: Flag<P> =
    Flag { key: "smoothing", label: "Label smoothing", get: |p| p.smoothing, set: |p, v| p.smoothing = v };
/// Its strength α.
pub const ALPHA: Real<P> =
    Real::<P>::new("alpha", "Smoothing α", (0.0, 0.5), |p| p.alpha, |p, v| p.alpha = v).step(0.01);
/// The language model's learning rate.
pub const LR: Real<P> = Real::<P>::new("lr", "Learning rate", (1e-4, 0.1), |p| p.lr, |p, v| p.lr = v).log();
/// The language model's steps.
pub const STEPS: Int<P> = Int::<P>::new("steps", "Steps", (10, 20_000), |p| p.steps, |p, v| p.steps = v).step(10);
/// The language model's seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };

impl Params for XentParams {
    const FIELDS: &'static [&'static dyn Field<Self>] =
        &[&LOGITS, &V, &TARGET, &TEMP, &SMOOTHING, &ALPHA, &LR, &STEPS, &SEED];
    const PARTS: &'static [&'static str] = &["presets", "model"];
    crate::hide_field!();
    /// The target must be one of the V tokens.
    fn settle(&mut self, notes: &mut Vec<String>) {
        if self.target >= self.v() {
            notes.push(format!("target={} is not below V = {}; using {}.", self.target, self.v(), self.v() - 1));
            self.target = self.v() - 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::{Query, UrlParams};

    #[test]
    fn round_trip_and_bad_values() {
        let mut p = XentParams { target: 3, smoothing: true, temp: 2.5, ..Default::default() };
        p.resize(12);
        let mut notes = Vec::new();
        assert_eq!(XentParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let q = Query::parse("logits=1,x,99&v=200&target=500&temp=0&lr=NaN");
        let p = XentParams::from_query(&q, &mut notes);
        assert_eq!(p.v(), V_RANGE.1);
        assert_eq!(&p.logits[..4], &[1.0, 0.0, LOGIT_MAX, 0.0]);
        assert_eq!(p.target, V_RANGE.1 - 1);
        assert_eq!((p.temp, p.lr), (TEMP.min, XentParams::default().lr));
        assert_eq!(notes.len(), 6, "{notes:?}");
    }
}
