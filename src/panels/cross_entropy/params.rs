//! Panel 01's state: the single prediction the reader edits (vocabulary size, logits, target,
//! temperature, label smoothing) and the language-model run (learning rate, steps, seed).

use super::experiment::LmConfig;
use crate::state::query::{read_f64, read_u64, Query, UrlParams};

/// Vocabulary sizes offered for the single prediction.
pub const V_RANGE: (usize, usize) = (4, 65);
/// Logits are kept within ±this.
pub const LOGIT_MAX: f64 = 8.0;
/// Temperature range (log slider).
pub const TEMP_RANGE: (f64, f64) = (0.1, 10.0);
/// Label-smoothing range.
pub const ALPHA_RANGE: (f64, f64) = (0.0, 0.5);
/// Learning-rate range of the language model (log slider).
pub const LR_RANGE: (f64, f64) = (1e-4, 0.1);
/// Step-budget range of the language model.
pub const STEPS_RANGE: (u64, u64) = (10, 20_000);
/// Controls a course author may hide.
pub const HIDEABLE: [&str; 9] = ["v", "target", "temp", "presets", "smoothing", "lr", "steps", "seed", "model"];

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

fn read_logits(q: &Query, default: &[f64], notes: &mut Vec<String>) -> Vec<f64> {
    let Some(raw) = q.get("logits") else { return default.to_vec() };
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
    out
}

impl UrlParams for XentParams {
    fn from_query(q: &Query, notes: &mut Vec<String>) -> Self {
        let d = Self::default();
        let mut logits = read_logits(q, &d.logits, notes);
        if let Some(v) =
            q.get("v").map(|_| read_u64(q, "v", logits.len() as u64, V_RANGE.0 as u64, V_RANGE.1 as u64, notes))
        {
            logits.resize(v as usize, 0.0);
        }
        let target = read_u64(q, "target", 0, 0, (logits.len() - 1) as u64, notes) as usize;
        Self {
            logits,
            target,
            temp: read_f64(q, "temp", d.temp, TEMP_RANGE.0, TEMP_RANGE.1, notes),
            smoothing: read_u64(q, "smoothing", 0, 0, 1, notes) == 1,
            alpha: read_f64(q, "alpha", d.alpha, ALPHA_RANGE.0, ALPHA_RANGE.1, notes),
            lr: read_f64(q, "lr", d.lr, LR_RANGE.0, LR_RANGE.1, notes),
            steps: read_u64(q, "steps", d.steps, STEPS_RANGE.0, STEPS_RANGE.1, notes),
            seed: read_u64(q, "seed", d.seed, 0, u64::from(u32::MAX), notes),
            hide: crate::state::query::read_list(q, "hide", &HIDEABLE, notes),
        }
    }

    fn to_query(&self) -> Query {
        let logits: Vec<String> = self.logits.iter().map(|v| format!("{}", (v * 100.0).round() / 100.0)).collect();
        Query::default()
            .with("v", self.v())
            .with("logits", logits.join(","))
            .with("target", self.target)
            .with("temp", self.temp)
            .with("smoothing", u8::from(self.smoothing))
            .with("alpha", self.alpha)
            .with("lr", self.lr)
            .with("steps", self.steps)
            .with("seed", self.seed)
            .with_list("hide", &self.hide)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!((p.temp, p.lr), (TEMP_RANGE.0, XentParams::default().lr));
        assert_eq!(notes.len(), 6, "{notes:?}");
    }
}
