//! What panel 12 reads off its finished runs, all from the series the lanes record: the results
//! `(N, D, L)`, each size's loss-against-compute curve and their lower envelope (the
//! compute-efficient frontier), the iso-FLOP profiles with their minima (Hoffmann et al. 2022,
//! approach 2) and the power law through them, and the parametric fit with its bootstrap. The
//! derived series (`final_loss`, `fit_*`, `n_opt`, `frontier`) are computed on the page by
//! [`DERIVE`], whichever workers trained the runs.

use super::fit::{bootstrap, fit, Obs};
use crate::engine::group::Derive;
use crate::engine::metrics::Metrics;

/// `n<N>_d<D>` after `prefix` in a series name.
pub fn key_of(name: &str, prefix: &str) -> Option<(u64, u64)> {
    let (n, d) = name.strip_prefix(prefix)?.strip_prefix('n')?.split_once("_d")?;
    Some((n.parse().ok()?, d.parse().ok()?))
}

/// Every finished run's result, by N then D.
pub fn results(m: &Metrics) -> Vec<Obs> {
    let mut out: Vec<Obs> = m
        .iter()
        .filter_map(|(k, s)| {
            let (n, d) = key_of(k, "final_loss_")?;
            Some(Obs { n: n as f64, d: d as f64, loss: s.last_value()? })
        })
        .collect();
    out.sort_by(|a, b| a.n.total_cmp(&b.n).then(a.d.total_cmp(&b.d)));
    out
}

/// One run's held-out loss along its training: `(N, D, [(FLOPs so far, loss)])`.
pub type Curve = (u64, u64, Vec<(f64, f64)>);

/// Every run's curve (x = 6·N·tokens so far), by N then D.
pub fn curves(m: &Metrics) -> Vec<Curve> {
    let mut out: Vec<Curve> = m
        .iter()
        .filter_map(|(k, s)| {
            let (n, d) = key_of(k, "curve_")?;
            Some((n, d, s.points.iter().map(|&(t, l)| (6.0 * n as f64 * t as f64, l)).collect()))
        })
        .collect();
    out.sort_by_key(|c| (c.0, c.1));
    out
}

/// Each size's longest run: the curve a size is drawn with.
pub fn longest(curves: &[Curve]) -> Vec<&Curve> {
    let mut out: Vec<&Curve> = Vec::new();
    for c in curves {
        match out.last_mut() {
            Some(last) if last.0 == c.0 => *last = if c.1 > last.1 { c } else { last },
            _ => out.push(c),
        }
    }
    out
}

/// Loss of `curve` at `flops` (linear in log-log between its points), inside its range only.
fn at(curve: &[(f64, f64)], flops: f64) -> Option<f64> {
    let w = curve.windows(2).find(|w| w[0].0 <= flops && flops <= w[1].0)?;
    let t = (flops.ln() - w[0].0.ln()) / (w[1].0.ln() - w[0].0.ln()).max(f64::MIN_POSITIVE);
    Some((w[0].1.ln() + t * (w[1].1.ln() - w[0].1.ln())).exp())
}

/// The lower envelope of the sizes' curves (each size's longest run): at every measured compute,
/// the lowest loss any size reaches there (Kaplan et al. 2020, fig. 2; Hoffmann et al. 2022, approach 1).
pub fn frontier(curves: &[&Curve]) -> Vec<(f64, f64)> {
    let mut xs: Vec<f64> = curves.iter().flat_map(|c| c.2.iter().map(|p| p.0)).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    xs.into_iter()
        .filter_map(|x| {
            let best = curves.iter().filter_map(|c| at(&c.2, x)).fold(f64::INFINITY, f64::min);
            best.is_finite().then_some((x, best))
        })
        .collect()
}

/// One compute budget's runs: final loss against N, and the minimum of a parabola in log N
/// through them when it lies inside the sizes trained.
#[derive(Clone, Debug, PartialEq)]
pub struct IsoFlop {
    /// The budget's compute (the mean of its runs' 6·N·D).
    pub flops: f64,
    /// `(N, final loss)`, N ascending.
    pub points: Vec<(f64, f64)>,
    /// `(N_opt, loss there)`.
    pub best: Option<(f64, f64)>,
}

/// The runs grouped by compute (runs within a factor of 1.5 share a budget), smallest first.
pub fn iso_flops(obs: &[Obs]) -> Vec<IsoFlop> {
    let mut by_c: Vec<(f64, Obs)> = obs.iter().map(|o| (6.0 * o.n * o.d, *o)).collect();
    by_c.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut groups: Vec<Vec<(f64, Obs)>> = Vec::new();
    for item in by_c {
        match groups.last_mut() {
            Some(g) if item.0 / g[0].0 < 1.5 => g.push(item),
            _ => groups.push(vec![item]),
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let flops = g.iter().map(|x| x.0).sum::<f64>() / g.len() as f64;
            let mut points: Vec<(f64, f64)> = g.iter().map(|x| (x.1.n, x.1.loss)).collect();
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
            let best = parabola_min(&points);
            IsoFlop { flops, points, best }
        })
        .collect()
}

/// The vertex of the least-squares parabola y = a·u² + b·u + c in u = ln x, when it opens upwards
/// and lies within the points' range: `(x, y)` there.
pub fn parabola_min(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    if points.len() < 3 {
        return None;
    }
    // Normal equations in centred u, solved by Cramer's rule.
    let m = points.iter().map(|p| p.0.ln()).sum::<f64>() / points.len() as f64;
    let mut s = [0.0f64; 5];
    let mut t = [0.0f64; 3];
    for &(x, y) in points {
        let u = x.ln() - m;
        for (k, sk) in s.iter_mut().enumerate() {
            *sk += u.powi(k as i32);
        }
        for (k, tk) in t.iter_mut().enumerate() {
            *tk += y * u.powi(k as i32);
        }
    }
    let det3 = |a: [[f64; 3]; 3]| {
        a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
            + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
    };
    let mat = [[s[4], s[3], s[2]], [s[3], s[2], s[1]], [s[2], s[1], s[0]]];
    let d = det3(mat);
    let col = |i: usize| {
        let mut a = mat;
        for r in 0..3 {
            a[r][i] = [t[2], t[1], t[0]][r];
        }
        det3(a) / d
    };
    let (a, b, c) = (col(0), col(1), col(2));
    if d.abs() < 1e-12 || a <= 0.0 {
        return None;
    }
    let u = -b / (2.0 * a);
    let (lo, hi) = (points[0].0.ln() - m, points[points.len() - 1].0.ln() - m);
    (lo..=hi).contains(&u).then(|| ((u + m).exp(), a * u * u + b * u + c))
}

/// Least squares of ln y on ln x: `(exponent, coefficient)` of y = k·x^e.
pub fn power_fit(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let pts: Vec<(f64, f64)> = points.iter().filter(|p| p.0 > 0.0 && p.1 > 0.0).map(|p| (p.0.ln(), p.1.ln())).collect();
    if pts.len() < 2 {
        return None;
    }
    let n = pts.len() as f64;
    let (mx, my) = (pts.iter().map(|p| p.0).sum::<f64>() / n, pts.iter().map(|p| p.1).sum::<f64>() / n);
    let sxx: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    (sxx > 0.0).then(|| (sxy / sxx, (my - sxy / sxx * mx).exp()))
}

/// Names of the fitted law's series.
pub const FIT_SERIES: [&str; 5] = ["fit_e", "fit_a", "fit_b", "fit_alpha", "fit_beta"];
/// Names of their bootstrap standard deviations (of ln A and ln B for the scales).
pub const SD_SERIES: [&str; 5] = ["fit_e_sd", "fit_log_a_sd", "fit_log_b_sd", "fit_alpha_sd", "fit_beta_sd"];
/// Bootstrap rounds behind the `_sd` series.
pub const BOOTSTRAP_ROUNDS: usize = 40;

/// Brings the derived series up to date with the runs finished so far: `final_loss` (x = N),
/// `n_opt` (x = the budget's FLOPs), `frontier` (x = FLOPs), and, after each new run once there
/// are enough, one point of every `fit_*` series (x = runs fitted) and of its bootstrap spread.
pub fn update(m: &Metrics, out: &mut Metrics) {
    let mut fresh = Metrics::default();
    for (k, s) in out.iter().filter(|(k, _)| k.starts_with("fit_")) {
        s.points.iter().for_each(|&(x, y)| fresh.push(k, x, y));
    }
    let obs = results(m);
    obs.iter().for_each(|o| fresh.push("final_loss", o.n as u64, o.loss));
    for iso in iso_flops(&obs) {
        if let Some((n, _)) = iso.best {
            fresh.push("n_opt", iso.flops.round() as u64, n);
        }
    }
    let all = curves(m);
    frontier(&longest(&all)).iter().for_each(|&(c, l)| fresh.push("frontier", c.round() as u64, l));
    let count = obs.len() as u64;
    let fitted = fresh.get("fit_e").and_then(|s| s.points.last()).is_some_and(|p| p.0 == count);
    if let (false, Some(law)) = (fitted, fit(&obs)) {
        let sd = bootstrap(&obs, &law, BOOTSTRAP_ROUNDS, count);
        let get = |l: &super::fit::Law| [l.e, l.a, l.b, l.alpha, l.beta];
        for (i, name) in FIT_SERIES.iter().enumerate() {
            fresh.push(name, count, get(&law)[i]);
            if let Some(sd) = sd {
                fresh.push(SD_SERIES[i], count, get(&sd)[i]);
            }
        }
    }
    *out = fresh;
}

/// The derived series, for the registry and the page.
pub const DERIVE: Derive = Derive { input: "curve_", update };
