//! Panel 10's mixture rules: the presets (natural proportions, uniform, temperature sampling, the
//! reader's own weights) as fixed points of the simplex, and the online rule in the spirit of
//! DoReMi, whose multiplicative update is written here once for the host and checked against the
//! device's.

use crate::engine::choice::Choice;
use crate::engine::data::domains::{K, NAMES};

/// How the domain weights are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// Each domain in proportion to its size.
    Natural,
    /// Equal weights.
    Uniform,
    /// pᵢ ∝ nᵢ^(1/T).
    Temperature,
    /// Reweighted during training by excess loss over a reference (DoReMi-style).
    Online,
    /// The reader's own weights.
    Custom,
}

impl Choice for Preset {
    const ALL: &'static [Self] = &[Self::Natural, Self::Uniform, Self::Temperature, Self::Online, Self::Custom];
    fn key(self) -> &'static str {
        match self {
            Self::Natural => "natural",
            Self::Uniform => "uniform",
            Self::Temperature => "temperature",
            Self::Online => "online",
            Self::Custom => "custom",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Self::Natural => "natural (by size)",
            Self::Uniform => "uniform",
            Self::Temperature => "temperature pᵢ ∝ nᵢ^(1/T)",
            Self::Online => "online reweighting (DoReMi-style)",
            Self::Custom => "my own weights",
        }
    }
}

/// One of the four domains, as a menu option (the sweep's moving domain).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Domain(pub usize);

impl Choice for Domain {
    const ALL: &'static [Self] = &[Self(0), Self(1), Self(2), Self(3)];
    fn key(self) -> &'static str {
        NAMES.get(self.0).copied().unwrap_or(NAMES[0])
    }
}

/// `w` scaled to sum to 1; negative or non-finite entries count as 0, and all zeros give uniform.
pub fn normalise(w: [f64; K]) -> [f64; K] {
    let w = w.map(|x| if x.is_finite() && x > 0.0 { x } else { 0.0 });
    let total: f64 = w.iter().sum();
    if total > 0.0 {
        w.map(|x| x / total)
    } else {
        [1.0 / K as f64; K]
    }
}

/// Temperature sampling over domains of sizes `n`: pᵢ ∝ nᵢ^(1/T). T = 1 is the natural mixture,
/// T → ∞ the uniform one (Conneau et al. 2020, XLM-R, sample languages with α = 1/T = 0.3).
pub fn temperature(n: [usize; K], t: f64) -> [f64; K] {
    let t = if t.is_finite() && t >= 1.0 { t } else { 1.0 };
    normalise(n.map(|x| (x as f64).powf(1.0 / t)))
}

/// The fixed weights of `preset` (the online rule starts from uniform, as DoReMi does).
pub fn weights(preset: Preset, n: [usize; K], t: f64, custom: [f64; K]) -> [f64; K] {
    match preset {
        Preset::Natural => temperature(n, 1.0),
        Preset::Uniform | Preset::Online => [1.0 / K as f64; K],
        Preset::Temperature => temperature(n, t),
        Preset::Custom => normalise(custom),
    }
}

/// `w` with domain `i` set to `v` (clamped to [0, 1]) and the others scaled to share `1 − v` as
/// they did before (equally, if they were all 0), rounded to 4 decimals: linked sliders.
pub fn linked(w: [f64; K], i: usize, v: f64) -> [f64; K] {
    let v = if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.0 };
    let rest: f64 = w.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, x)| x.max(0.0)).sum();
    let round = |x: f64| (x * 1e4).round() / 1e4;
    std::array::from_fn(|j| match (j == i, rest > 0.0) {
        (true, _) => round(v),
        (false, true) => round(w[j].max(0.0) / rest * (1.0 - v)),
        (false, false) => round((1.0 - v) / (K - 1) as f64),
    })
}

/// Step size of the online rule: DoReMi's domain-weight step size (Xie et al. 2023, §2, η = 1).
pub const ETA: f64 = 1.0;
/// Share of uniform mixed into the online weights (DoReMi smooths with c = 10⁻³; a larger share
/// here keeps every domain in a small model's batches).
pub const SMOOTH: f64 = 0.05;

/// One step of the online rule on the host: `log_alpha += η · max(excess, 0)`, then softmax, then
/// `(1 − c)·α + c/k`. Returns the new log-weights (before smoothing) and the smoothed weights the
/// next step trains with.
pub fn online_update(log_alpha: [f64; K], excess: [f64; K]) -> ([f64; K], [f64; K]) {
    let raw: [f64; K] = std::array::from_fn(|i| log_alpha[i] + ETA * excess[i].max(0.0));
    let top = raw.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e = raw.map(|x| (x - top).exp());
    let sum: f64 = e.iter().sum();
    let log = raw.map(|x| x - top - sum.ln());
    (log, e.map(|x| (1.0 - SMOOTH) * x / sum + SMOOTH / K as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temperature_follows_its_formula() {
        // Sizes 1, 8, 27, 64 at T = 3: cube roots 1, 2, 3, 4, over 10.
        let p = temperature([1, 8, 27, 64], 3.0);
        for (got, want) in p.iter().zip([0.1, 0.2, 0.3, 0.4]) {
            assert!((got - want).abs() < 1e-12, "{p:?}");
        }
        assert_eq!(temperature([1, 8, 27, 64], 1.0), [0.01, 0.08, 0.27, 0.64]);
        // A large T approaches uniform; a bad T reads as 1.
        assert!(temperature([1, 8, 27, 64], 1e6).iter().all(|x| (x - 0.25).abs() < 1e-4));
        assert_eq!(temperature([1, 8, 27, 64], f64::NAN), temperature([1, 8, 27, 64], 1.0));
    }

    #[test]
    fn linked_sliders_keep_the_sum_at_one() {
        let w = linked([0.1, 0.2, 0.3, 0.4], 3, 0.7);
        assert_eq!(w, [0.05, 0.1, 0.15, 0.7]);
        assert_eq!(linked([0.0, 0.0, 0.0, 1.0], 3, 0.4), [0.2, 0.2, 0.2, 0.4]);
        let w = linked([0.25; K], 0, 2.0);
        assert_eq!(w, [1.0, 0.0, 0.0, 0.0]);
        assert!((linked([0.3, 0.3, 0.3, 0.1], 1, 1.0 / 3.0).iter().sum::<f64>() - 1.0).abs() < 1e-3);
    }

    #[test]
    fn normalise_never_divides_by_zero() {
        assert_eq!(normalise([0.0; K]), [0.25; K]);
        assert_eq!(normalise([f64::NAN, -1.0, 2.0, 2.0]), [0.0, 0.0, 0.5, 0.5]);
    }

    #[test]
    fn online_update_moves_weight_to_the_lagging_domain() {
        let start = [(0.25f64).ln(); K];
        let (log, w) = online_update(start, [1.0, 0.0, -3.0, 0.0]);
        // By hand: e¹ against three e⁰ (the negative excess is clipped to 0).
        let top = 1f64.exp() / (1f64.exp() + 3.0);
        assert!((log[0].exp() - top).abs() < 1e-12);
        assert!((w[0] - ((1.0 - SMOOTH) * top + SMOOTH / 4.0)).abs() < 1e-12);
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(w[1], w[2]);
    }
}
