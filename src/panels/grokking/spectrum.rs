//! The Fourier view of a grokking model's embedding. Each of the d embedding columns is a function
//! of the token a ∈ {0, …, p−1}; its discrete Fourier transform over a says how much of it is a
//! wave cos(2πka/p + φ) at frequency k. Nanda et al. 2023 found that a network that has grokked
//! modular addition computes with a handful of such key frequencies, so the spectrum, flat at
//! initialisation, turns sparse once the model generalises.

/// Power of the embedding at each frequency k = 1, …, ⌊p/2⌋ (k and p − k are one real wave),
/// summed over the embedding columns and normalised to sum to 1. The constant k = 0 is left out:
/// it carries no information about a.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Spectrum {
    /// `power[k - 1]` is the share of frequency k.
    #[serde(with = "crate::engine::wire::f64s")]
    pub power: Vec<f64>,
}

impl Spectrum {
    /// The spectrum of an embedding `[p, d]` given row-major; `None` if the size does not fit.
    pub fn of_embedding(embed: &[f32], p: usize, d: usize) -> Option<Self> {
        if p < 3 || embed.len() != p * d {
            return None;
        }
        let mut power = vec![0.0; p / 2];
        for (k, slot) in power.iter_mut().enumerate().map(|(i, s)| (i + 1, s)) {
            let (cos, sin): (Vec<f64>, Vec<f64>) = (0..p)
                .map(|a| {
                    let t = 2.0 * std::f64::consts::PI * (k * a % p) as f64 / p as f64;
                    (t.cos(), t.sin())
                })
                .unzip();
            for j in 0..d {
                let (mut re, mut im) = (0.0, 0.0);
                for a in 0..p {
                    let v = f64::from(embed[a * d + j]);
                    re += v * cos[a];
                    im -= v * sin[a];
                }
                *slot += re * re + im * im;
            }
        }
        let total: f64 = power.iter().sum();
        // Parseval: all power, the constant included, is p·Σv². Waves carrying none of it (up to
        // rounding) leave nothing to normalise.
        let all: f64 = p as f64 * embed.iter().map(|&v| f64::from(v).powi(2)).sum::<f64>();
        if !(total.is_finite() && total > 1e-9 * all) {
            return None;
        }
        power.iter_mut().for_each(|v| *v /= total);
        Some(Self { power })
    }

    /// Share of the power in the `n` strongest frequencies (1 when `n` covers them all).
    pub fn top_share(&self, n: usize) -> f64 {
        let mut sorted = self.power.clone();
        sorted.sort_by(|a, b| b.total_cmp(a));
        sorted.iter().take(n).sum()
    }

    /// The `n` strongest frequencies, strongest first.
    pub fn key_frequencies(&self, n: usize) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.power.len()).collect();
        idx.sort_by(|&a, &b| self.power[b].total_cmp(&self.power[a]));
        idx.into_iter().take(n).map(|i| i + 1).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pure_wave_has_all_its_power_at_its_frequency() {
        let (p, d) = (31, 3);
        let embed: Vec<f32> = (0..p)
            .flat_map(|a| {
                let t = 2.0 * std::f64::consts::PI * 5.0 * a as f64 / p as f64;
                [t.cos() as f32, (t.sin() * 2.0) as f32, 1.0]
            })
            .collect();
        let s = Spectrum::of_embedding(&embed, p, d).expect("fits");
        assert_eq!(s.power.len(), 15);
        assert!((s.power[4] - 1.0).abs() < 1e-9, "{:?}", s.power);
        assert_eq!(s.key_frequencies(1), vec![5]);
        assert!((s.top_share(1) - 1.0).abs() < 1e-9);
        assert!(Spectrum::of_embedding(&embed[1..], p, d).is_none());
        assert!(Spectrum::of_embedding(&vec![1.0; p * d], p, d).is_none(), "a constant has no waves");
    }
}
