//! Panel 12's phenomena at the reader's defaults, on the CPU backend: the iso-FLOP minima move to
//! bigger models as compute grows, the frontier falls, bigger models learn more from the same
//! data, and the law fitted in the page describes the runs it was fitted to.

use std::sync::OnceLock;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::metrics::Metrics;
use trainlab::panels::find;
use trainlab::panels::scaling_laws::analysis::{curves, frontier, iso_flops, longest, power_fit, results};
use trainlab::state::query::Query;

/// The default sweep's series, derived ones included (run once for every test here).
fn defaults() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| {
        let panel = find("scaling-laws").and_then(|c| c.panel).expect("registered");
        panel.train(&Query::parse(""), &cpu_device()).expect("trains")
    })
}

#[test]
fn every_run_finishes_and_the_iso_flop_minimum_grows_with_compute() {
    let m = defaults();
    assert_eq!(results(m).len(), 24, "six sizes × four budgets");
    assert!(m.iter().all(|(k, _)| !k.starts_with("diverged_")), "a default run diverged");
    let isos = iso_flops(&results(m));
    assert_eq!(isos.len(), 4);
    let best: Vec<(f64, f64)> = isos.iter().filter_map(|g| g.best.map(|b| (g.flops, b.0))).collect();
    assert!(best.len() >= 3, "minima inside the sizes at only {} budgets: {isos:?}", best.len());
    assert!(best.windows(2).all(|w| w[1].1 > w[0].1), "N_opt does not grow with C: {best:?}");
    let (a, _) = power_fit(&best).expect("three minima");
    // Measured 0.40 at seed 1; Hoffmann et al. (2022) found 0.49 (approach 2).
    assert!((0.25..0.7).contains(&a), "N_opt ∝ C^{a}");
    // A U: at the largest budget both the smallest and the largest size lose to the minimum.
    let top = &isos[3];
    let (n_opt, l_opt) = top.best.expect("a minimum at the largest budget");
    let (first, last) = (top.points[0], top.points[top.points.len() - 1]);
    assert!(first.0 < n_opt && n_opt < last.0 && l_opt < first.1 - 0.02 && l_opt < last.1 - 0.02, "{top:?}");
}

#[test]
fn the_frontier_falls_and_bigger_models_learn_more_from_the_same_data() {
    let m = defaults();
    let all = curves(m);
    let sizes = longest(&all);
    assert_eq!(sizes.len(), 6);
    let f = frontier(&sizes);
    assert!(f.len() > 20);
    assert!(f.windows(2).all(|w| w[1].1 <= w[0].1 + 1e-3), "the frontier rises somewhere: {f:?}");
    assert!(f[f.len() - 1].1 < f[0].1 - 0.5, "{:?} → {:?}", f[0], f[f.len() - 1]);
    // Every size's longest run, at the tokens the largest model's longest run saw in all:
    // (tokens, loss) at the curve point whose token count is nearest below it.
    let tokens = sizes[5].1;
    let at = |c: &(u64, u64, Vec<(f64, f64)>)| {
        let t = |p: &(f64, f64)| p.0 / (6.0 * c.0 as f64);
        c.2.iter().rfind(|p| t(p) <= tokens as f64 * 1.001).map(|p| p.1).expect("an early point")
    };
    let losses: Vec<f64> = sizes.iter().map(|c| at(c)).collect();
    assert!(losses[5] < losses[0] - 0.2, "same data, largest vs smallest: {losses:?}");
    assert!(losses.windows(2).filter(|w| w[1] < w[0]).count() >= 4, "{losses:?}");
}

#[test]
fn the_fitted_law_describes_its_runs() {
    let m = defaults();
    let get = |k: &str| m.last(k).unwrap_or_else(|| panic!("{k} missing"));
    let law = trainlab::panels::scaling_laws::fit::Law {
        e: get("fit_e"),
        a: get("fit_a"),
        b: get("fit_b"),
        alpha: get("fit_alpha"),
        beta: get("fit_beta"),
    };
    let obs = results(m);
    let lowest = obs.iter().map(|o| o.loss).fold(f64::INFINITY, f64::min);
    assert!(law.e > 0.5 && law.e < lowest, "{law:?}");
    assert!(law.alpha > 0.0 && law.beta > 0.0, "{law:?}");
    let rms = (obs.iter().map(|o| (law.loss(o.n, o.d) / o.loss).ln().powi(2)).sum::<f64>() / obs.len() as f64).sqrt();
    assert!(rms < 0.03, "log-loss residuals {rms}");
    assert!(get("fit_beta_sd") > 0.0);
}
