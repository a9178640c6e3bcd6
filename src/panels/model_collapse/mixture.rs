//! A 1-D Gaussian mixture on the host: the real distribution of the first view, and each fitted
//! generation once its parameters are read back (density, moments, tail mass, sampling), plus the
//! k-means start each fit begins from.

use crate::engine::rng::Rng;

/// Weights (summing to 1), means and standard deviations of K components.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mixture {
    /// Component weights.
    #[serde(with = "crate::engine::wire::f64s")]
    pub w: Vec<f64>,
    /// Component means.
    #[serde(with = "crate::engine::wire::f64s")]
    pub mu: Vec<f64>,
    /// Component standard deviations.
    #[serde(with = "crate::engine::wire::f64s")]
    pub sigma: Vec<f64>,
}

/// The standard normal CDF Φ.
pub fn phi(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

impl Mixture {
    /// The real distribution: a bulk of two overlapping modes and a rare one far out (10% of the
    /// mass, the tail that collapse loses first).
    pub fn real() -> Self {
        Self { w: vec![0.55, 0.35, 0.10], mu: vec![-1.0, 1.2, 5.0], sigma: vec![0.8, 0.7, 0.6] }
    }

    /// Components.
    pub fn k(&self) -> usize {
        self.w.len()
    }

    /// From the fitted raw parameters `[logits; means; log σ]` (3K values); `None` if not finite.
    pub fn from_raw(raw: &[f32]) -> Option<Self> {
        let k = raw.len() / 3;
        if k == 0 || raw.len() != 3 * k || raw.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let m = raw[..k].iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let e: Vec<f64> = raw[..k].iter().map(|&a| f64::from(a - m).exp()).collect();
        let z: f64 = e.iter().sum();
        Some(Self {
            w: e.iter().map(|v| v / z).collect(),
            mu: raw[k..2 * k].iter().map(|&v| f64::from(v)).collect(),
            // The fit's floor (below it the loss sees σ = MIN_SIGMA and no gradient), so that
            // sampling and the reported σ use the distribution that was fitted.
            sigma: raw[2 * k..].iter().map(|&v| f64::from(v).exp().max(super::gmm::MIN_SIGMA)).collect(),
        })
    }

    /// Mean.
    pub fn mean(&self) -> f64 {
        self.w.iter().zip(&self.mu).map(|(w, m)| w * m).sum()
    }

    /// Standard deviation of the whole mixture.
    pub fn std(&self) -> f64 {
        let m = self.mean();
        let second: f64 = (0..self.k()).map(|i| self.w[i] * (self.sigma[i].powi(2) + self.mu[i].powi(2))).sum();
        (second - m * m).max(0.0).sqrt()
    }

    /// Probability density at `x`.
    pub fn density(&self, x: f64) -> f64 {
        let c = (2.0 * std::f64::consts::PI).sqrt();
        (0..self.k())
            .map(|i| self.w[i] * (-0.5 * ((x - self.mu[i]) / self.sigma[i]).powi(2)).exp() / (c * self.sigma[i]))
            .sum()
    }

    /// P(|x − center| > width).
    pub fn tail_mass(&self, center: f64, width: f64) -> f64 {
        (0..self.k())
            .map(|i| {
                let (m, s) = (self.mu[i], self.sigma[i]);
                self.w[i] * (phi((center - width - m) / s) + 1.0 - phi((center + width - m) / s))
            })
            .sum()
    }

    /// `n` draws; at `temperature` T each component is sampled with σ·√T, the sharpening p^{1/T}
    /// applies to a single Gaussian (T = 1 is plain sampling).
    pub fn sample(&self, n: usize, temperature: f64, rng: &mut Rng) -> Vec<f64> {
        let t = temperature.max(1e-6).sqrt();
        (0..n)
            .map(|_| {
                let mut u = rng.uniform();
                let i = self.w.iter().position(|w| {
                    u -= w;
                    u < 0.0
                });
                let i = i.unwrap_or(self.k() - 1);
                self.mu[i] + self.sigma[i] * t * rng.normal()
            })
            .collect()
    }

    /// `n` draws with each component's count fixed at its share (largest remainders), in a shuffled
    /// order: the real sample generation 0 learns from. Drawn freely, 50 points can hold the 10% far
    /// mode 3 times or 8, and generation 0 then starts with too little tail (or too much) before any
    /// model has had a say; fixed counts leave that to the generations.
    pub fn sample_stratified(&self, n: usize, rng: &mut Rng) -> Vec<f64> {
        let exact: Vec<f64> = self.w.iter().map(|w| w * n as f64).collect();
        let mut counts: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
        let mut order: Vec<usize> = (0..self.k()).collect();
        order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())));
        for &i in order.iter().cycle().take(n.saturating_sub(counts.iter().sum())) {
            counts[i] += 1;
        }
        let components = counts.iter().enumerate().flat_map(|(i, &c)| std::iter::repeat_n(i, c));
        let mut xs: Vec<f64> = components.map(|i| self.mu[i] + self.sigma[i] * rng.normal()).collect();
        // Shuffled, so that no order of components reaches the fit.
        rng.shuffle(&mut xs);
        xs
    }

    /// A start for fitting `k` components to `data`: Lloyd's k-means from evenly spaced quantiles,
    /// then each cluster's share, mean and spread (floored at `min_sigma`).
    pub fn kmeans_start(data: &[f64], k: usize, min_sigma: f64) -> Self {
        let mut sorted: Vec<f64> = data.iter().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        if sorted.is_empty() {
            return Self { w: vec![1.0 / k as f64; k], mu: vec![0.0; k], sigma: vec![1.0; k] };
        }
        let n = sorted.len();
        let mut centers: Vec<f64> = (0..k).map(|i| sorted[((2 * i + 1) * n / (2 * k)).min(n - 1)]).collect();
        let nearest =
            |x: f64, c: &[f64]| (0..k).min_by(|&a, &b| (x - c[a]).abs().total_cmp(&(x - c[b]).abs())).unwrap_or(0);
        let mut stats = vec![(0.0, 0.0, 0.0); k];
        for _ in 0..20 {
            stats = vec![(0.0, 0.0, 0.0); k]; // (count, sum, sum of squares)
            for &x in &sorted {
                let s = &mut stats[nearest(x, &centers)];
                *s = (s.0 + 1.0, s.1 + x, s.2 + x * x);
            }
            for (c, s) in centers.iter_mut().zip(&stats) {
                if s.0 > 0.0 {
                    *c = s.1 / s.0;
                }
            }
        }
        let sigma = stats
            .iter()
            .zip(&centers)
            .map(|(s, c)| if s.0 > 1.0 { (s.2 / s.0 - c * c).max(0.0).sqrt().max(min_sigma) } else { 1.0 })
            .collect();
        let w = stats.iter().map(|s| (s.0 + 0.5) / (n as f64 + 0.5 * k as f64)).collect();
        Self { w, mu: centers, sigma }
    }

    /// The raw parameters `[logits; means; log σ]` a fit starts from.
    pub fn to_raw(&self) -> Vec<f32> {
        let logits = self.w.iter().map(|w| w.max(1e-9).ln());
        let log_s = self.sigma.iter().map(|s| s.ln());
        logits.chain(self.mu.iter().copied()).chain(log_s).map(|v| v as f32).collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn stratified_samples_hold_each_share_exactly() {
        let m = super::Mixture::real();
        let xs = m.sample_stratified(50, &mut crate::engine::rng::Rng::new(0));
        assert_eq!(xs.len(), 50);
        // 10% of 50 is 5 from the far mode at 5 ± 0.6; the others sit 2.6 or more below its mean.
        assert_eq!(xs.iter().filter(|&&x| x > 3.2).count(), 5, "{xs:?}");
        assert_eq!(m.sample_stratified(7, &mut crate::engine::rng::Rng::new(1)).len(), 7);
    }

    use super::*;

    #[test]
    fn moments_tails_and_sampling_agree() {
        let m = Mixture::real();
        let xs = m.sample(200_000, 1.0, &mut Rng::new(3));
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64).sqrt();
        assert!((mean - m.mean()).abs() < 0.02 && (sd - m.std()).abs() < 0.02, "{mean} {sd}");
        let (c, w) = (m.mean(), 2.0 * m.std());
        let tail = xs.iter().filter(|x| (*x - c).abs() > w).count() as f64 / xs.len() as f64;
        assert!((tail - m.tail_mass(c, w)).abs() < 0.003, "{tail} vs {}", m.tail_mass(c, w));
        assert!((phi(0.0) - 0.5).abs() < 1e-12 && (phi(1.96) - 0.975).abs() < 1e-3);
        let cold = Mixture { w: vec![1.0], mu: vec![0.0], sigma: vec![2.0] }.sample(50_000, 0.25, &mut Rng::new(4));
        let sd = (cold.iter().map(|x| x * x).sum::<f64>() / cold.len() as f64).sqrt();
        assert!((sd - 1.0).abs() < 0.02, "T = 1/4 halves σ: {sd}");
        let back = Mixture::from_raw(&m.to_raw()).unwrap();
        assert!(back.w.iter().zip(&m.w).all(|(a, b)| (a - b).abs() < 1e-6));
        assert!(Mixture::from_raw(&[f32::NAN, 0.0, 0.0]).is_none());
        let start = Mixture::kmeans_start(&xs[..2000], 3, 0.05);
        assert!(start.mu.iter().any(|mu| (mu - 5.0).abs() < 0.5), "k-means finds the far mode: {start:?}");
    }
}
