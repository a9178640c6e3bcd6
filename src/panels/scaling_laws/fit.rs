//! The parametric law L(N, D) = E + A/N^α + B/D^β fitted as Hoffmann et al. (2022, §3.3 and
//! appendix D.2) did: minimise the Huber loss (δ = 10⁻³) between the predicted and the observed
//! log-loss, with the prediction written as LSE(a − α log N, b − β log D, e) for A = eᵃ, B = eᵇ,
//! E = eᵉ, from a grid of starting points. Hoffmann et al. used L-BFGS; with five parameters and a
//! few dozen runs, Nelder–Mead from the grid's best starts does the same job without derivatives.
//! The uncertainty is a bootstrap over runs. Also the compute-optimal allocation the law implies
//! (their eq. 4) and Chinchilla's published fit.

use crate::engine::rng::Rng;

/// One finished run: parameters N, tokens D, final held-out loss L.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Obs {
    /// Parameters N.
    pub n: f64,
    /// Tokens D.
    pub d: f64,
    /// Loss L (nats per token).
    pub loss: f64,
}

/// A fitted (or published) law.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Law {
    /// Irreducible loss E.
    pub e: f64,
    /// Size term's scale A.
    pub a: f64,
    /// Data term's scale B.
    pub b: f64,
    /// Size exponent α.
    pub alpha: f64,
    /// Data exponent β.
    pub beta: f64,
}

/// Chinchilla's fit (Hoffmann et al. 2022, eq. 10): E = 1.69, A = 406.4, B = 410.7, α = 0.34,
/// β = 0.28.
pub const CHINCHILLA: Law = Law { e: 1.69, a: 406.4, b: 410.7, alpha: 0.34, beta: 0.28 };

/// Huber's δ on log-loss residuals (Hoffmann et al. 2022, §3.3).
pub const HUBER_DELTA: f64 = 1e-3;
/// Fewest runs a fit is made from (five parameters, and one run more).
pub const MIN_RUNS: usize = 6;

impl Law {
    /// L(N, D).
    pub fn loss(&self, n: f64, d: f64) -> f64 {
        self.e + self.a / n.powf(self.alpha) + self.b / d.powf(self.beta)
    }

    /// The compute-optimal N and D for C FLOPs, with C = 6·N·D (Hoffmann et al. 2022, eq. 4):
    /// N_opt = G·(C/6)^(β/(α+β)), D_opt = (C/6)/N_opt, G = (αA / βB)^(1/(α+β)).
    pub fn optimal(&self, c: f64) -> (f64, f64) {
        let s = self.alpha + self.beta;
        let g = (self.alpha * self.a / (self.beta * self.b)).powf(1.0 / s);
        let n = g * (c / 6.0).powf(self.beta / s);
        (n, c / 6.0 / n)
    }

    fn from_theta(t: &[f64; 5]) -> Self {
        Self { e: t[0].exp(), a: t[1].exp(), b: t[2].exp(), alpha: t[3], beta: t[4] }
    }
}

/// log(eˣ + eʸ + eᶻ), computed stably.
fn lse3(x: f64, y: f64, z: f64) -> f64 {
    let m = x.max(y).max(z);
    m + ((x - m).exp() + (y - m).exp() + (z - m).exp()).ln()
}

fn huber(r: f64) -> f64 {
    let a = r.abs();
    if a <= HUBER_DELTA {
        0.5 * r * r
    } else {
        HUBER_DELTA * (a - 0.5 * HUBER_DELTA)
    }
}

/// The objective at θ = (e, a, b, α, β).
fn objective(obs: &[Obs], t: &[f64; 5]) -> f64 {
    let total: f64 =
        obs.iter().map(|o| huber(lse3(t[1] - t[3] * o.n.ln(), t[2] - t[4] * o.d.ln(), t[0]) - o.loss.ln())).sum();
    // Exponents below zero are not a law of this form.
    if t[3] < 0.0 || t[4] < 0.0 || !total.is_finite() {
        f64::INFINITY
    } else {
        total
    }
}

/// Nelder–Mead from `start` (standard coefficients: reflection 1, expansion 2, contraction ½,
/// shrink ½), for `iters` iterations.
fn nelder_mead(f: &dyn Fn(&[f64; 5]) -> f64, start: [f64; 5], step: f64, iters: usize) -> ([f64; 5], f64) {
    let mut pts: Vec<([f64; 5], f64)> = (0..=5)
        .map(|i| {
            let mut p = start;
            if i > 0 {
                p[i - 1] += step;
            }
            (p, f(&p))
        })
        .collect();
    let mix = |a: &[f64; 5], b: &[f64; 5], t: f64| -> [f64; 5] { std::array::from_fn(|k| a[k] + t * (b[k] - a[k])) };
    for _ in 0..iters {
        pts.sort_by(|x, y| x.1.total_cmp(&y.1));
        let centroid: [f64; 5] = std::array::from_fn(|k| pts[..5].iter().map(|p| p.0[k]).sum::<f64>() / 5.0);
        let worst = pts[5];
        let r = mix(&centroid, &worst.0, -1.0);
        let fr = f(&r);
        if fr < pts[0].1 {
            let e = mix(&centroid, &worst.0, -2.0);
            let fe = f(&e);
            pts[5] = if fe < fr { (e, fe) } else { (r, fr) };
        } else if fr < pts[4].1 {
            pts[5] = (r, fr);
        } else {
            let c = mix(&centroid, &worst.0, 0.5);
            let fc = f(&c);
            if fc < worst.1 {
                pts[5] = (c, fc);
            } else {
                let best = pts[0].0;
                for p in pts.iter_mut().skip(1) {
                    p.0 = mix(&best, &p.0, 0.5);
                    p.1 = f(&p.0);
                }
            }
        }
    }
    pts.sort_by(|x, y| x.1.total_cmp(&y.1));
    pts[0]
}

/// The starting grid: e ∈ {−1, 0, 0.5}, a, b ∈ {0, 4, 8}, α, β ∈ {0.2, 0.5, 1} (a coarser
/// version of Hoffmann et al.'s grid).
fn starts() -> Vec<[f64; 5]> {
    let mut out = Vec::new();
    for e in [-1.0, 0.0, 0.5] {
        for a in [0.0, 4.0, 8.0] {
            for b in [0.0, 4.0, 8.0] {
                for al in [0.2, 0.5, 1.0] {
                    for be in [0.2, 0.5, 1.0] {
                        out.push([e, a, b, al, be]);
                    }
                }
            }
        }
    }
    out
}

/// Fits the law to `obs`; `None` for fewer than [`MIN_RUNS`] usable runs.
pub fn fit(obs: &[Obs]) -> Option<Law> {
    let obs = usable(obs);
    if obs.len() < MIN_RUNS {
        return None;
    }
    let f = |t: &[f64; 5]| objective(&obs, t);
    let mut ranked: Vec<([f64; 5], f64)> = starts().into_iter().map(|s| (s, f(&s))).collect();
    ranked.sort_by(|x, y| x.1.total_cmp(&y.1));
    let best = ranked.iter().take(8).map(|s| nelder_mead(&f, s.0, 0.5, 600)).min_by(|x, y| x.1.total_cmp(&y.1))?;
    let polished = nelder_mead(&f, best.0, 0.05, 1_500);
    Some(Law::from_theta(&polished.0))
}

/// Runs with finite, positive values.
fn usable(obs: &[Obs]) -> Vec<Obs> {
    obs.iter().copied().filter(|o| o.n > 0.0 && o.d > 0.0 && o.loss > 0.0 && o.loss.is_finite()).collect()
}

/// Standard deviations over `rounds` fits to runs resampled with replacement (seeded), each
/// started from `law`: of E, α and β, and of ln A and ln B in the `a` and `b` fields (the scales
/// spread over orders of magnitude, so their spread is a factor: ×/÷ e^sd).
pub fn bootstrap(obs: &[Obs], law: &Law, rounds: usize, seed: u64) -> Option<Law> {
    let obs = usable(obs);
    if obs.len() < MIN_RUNS {
        return None;
    }
    let mut rng = Rng::stream(seed, 0xB007);
    let start = [law.e.ln(), law.a.ln(), law.b.ln(), law.alpha, law.beta];
    let fits: Vec<Law> = (0..rounds)
        .map(|_| {
            let sample: Vec<Obs> = (0..obs.len()).map(|_| obs[rng.next_u64() as usize % obs.len()]).collect();
            let f = |t: &[f64; 5]| objective(&sample, t);
            Law::from_theta(&nelder_mead(&f, start, 0.2, 800).0)
        })
        .collect();
    let sd = |g: fn(&Law) -> f64| {
        let m = fits.iter().map(g).sum::<f64>() / fits.len() as f64;
        (fits.iter().map(|l| (g(l) - m).powi(2)).sum::<f64>() / (fits.len() - 1).max(1) as f64).sqrt()
    };
    Some(Law { e: sd(|l| l.e), a: sd(|l| l.a.ln()), b: sd(|l| l.b.ln()), alpha: sd(|l| l.alpha), beta: sd(|l| l.beta) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_optimum_spends_the_budget_and_is_a_minimum_along_it() {
        let c = 5.76e23; // Chinchilla's training compute
        let (n, d) = CHINCHILLA.optimal(c);
        assert!((6.0 * n * d / c - 1.0).abs() < 1e-12);
        let at = |k: f64| CHINCHILLA.loss(n * k, d / k);
        assert!(at(1.0) < at(1.1) && at(1.0) < at(1.0 / 1.1), "{} {} {}", at(1.0), at(1.1), at(1.0 / 1.1));
        // Hand computation: G = (0.34·406.4 / (0.28·410.7))^(1/0.62) ≈ 1.345, N = G·(C/6)^0.4516.
        assert!((n / 3.2e10 - 1.0).abs() < 0.05, "N_opt = {n:e}");
        // Chinchilla itself, 70 B parameters on 1.4 T tokens: 1.69 + 0.0835 + 0.163.
        assert!((CHINCHILLA.loss(70e9, 1.4e12) - 1.937).abs() < 0.002);
    }

    #[test]
    fn the_fit_recovers_a_known_law_from_noisy_losses() {
        let truth = Law { e: 1.2, a: 30.0, b: 60.0, alpha: 0.45, beta: 0.35 };
        let mut rng = Rng::stream(3, 1);
        let mut obs = Vec::new();
        for i in 0..6 {
            for j in 0..4 {
                let (n, d) = (1_000.0 * 2f64.powi(i), 5_000.0 * 4f64.powi(j));
                let noise = 1.0 + 0.005 * (2.0 * rng.uniform() - 1.0);
                obs.push(Obs { n, d, loss: truth.loss(n, d) * noise });
            }
        }
        let law = fit(&obs).expect("24 runs");
        let close = |got: f64, want: f64, tol: f64| (got / want - 1.0).abs() < tol;
        assert!(close(law.e, truth.e, 0.05), "{law:?}");
        assert!(close(law.alpha, truth.alpha, 0.15) && close(law.beta, truth.beta, 0.15), "{law:?}");
        assert!(close(law.a, truth.a, 0.6) && close(law.b, truth.b, 0.6), "{law:?}");
        let sd = bootstrap(&obs, &law, 30, 1).expect("24 runs");
        assert!(sd.alpha > 0.0 && sd.alpha < 0.2, "{sd:?}");
        assert!(fit(&obs[..5]).is_none());
    }

    #[test]
    fn huber_is_quadratic_then_linear() {
        assert_eq!(huber(0.0005), 0.5 * 0.0005 * 0.0005);
        assert!((huber(0.01) - 1e-3 * (0.01 - 0.0005)).abs() < 1e-15);
    }
}
