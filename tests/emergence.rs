//! Panel 13's phenomena at the reader's defaults, on the CPU backend: exact match is what the
//! per-digit accuracies predict, it rises more abruptly than per-digit accuracy or the answer's
//! log-probability over the same models, and the longer the answer scored, the later the rise.

use std::sync::OnceLock;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::metrics::Metrics;
use trainlab::panels::emergence::scores::sharpness;
use trainlab::panels::find;
use trainlab::state::query::Query;

/// The default family's series, pooled ones included (run once for every test here).
fn defaults() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| {
        let panel = find("emergent-abilities").and_then(|c| c.panel).expect("registered");
        panel.train(&Query::parse(""), &cpu_device()).expect("trains")
    })
}

fn ys(m: &Metrics, name: &str) -> Vec<f64> {
    m.get(name).map(|s| s.points.iter().map(|p| p.1).collect()).unwrap_or_default()
}

#[test]
fn exact_match_is_the_product_of_the_per_digit_accuracies() {
    let m = defaults();
    let (em, pr) = (ys(m, "exact_match"), ys(m, "exact_match_predicted"));
    assert_eq!(em.len(), 7);
    // Measured: within 0.004 at every size (seed 1); digits err almost independently.
    for (a, b) in em.iter().zip(&pr) {
        assert!((a - b).abs() < 0.02, "exact {a} vs product {b}");
    }
}

#[test]
fn exact_match_jumps_where_the_other_metrics_climb() {
    let m = defaults();
    let (em, tok, lp) = (ys(m, "exact_match"), ys(m, "token_acc"), ys(m, "answer_logprob"));
    assert!(em[0] < 0.01 && em[3] < 0.05 && em[6] > 0.5, "{em:?}");
    assert!(tok[0] > 0.2 && tok.windows(2).all(|w| w[1] > w[0]), "{tok:?}");
    assert!(lp.windows(2).all(|w| w[1] > w[0]), "{lp:?}");
    let (s_em, s_tok, s_lp) = (sharpness(&em), sharpness(&tok), sharpness(&lp));
    // Measured 0.50, 0.26 and 0.29.
    assert!(s_em > s_tok + 0.1 && s_em > s_lp + 0.1, "sharpness: exact {s_em}, digit {s_tok}, log-prob {s_lp}");
}

#[test]
fn the_longer_the_answer_the_later_the_rise() {
    let m = defaults();
    // The first size at which the first j digits are all right on half the problems.
    let crossing = |j: usize| ys(m, &format!("exact_len{j}")).iter().position(|&v| v >= 0.5).unwrap_or(usize::MAX);
    let c: Vec<usize> = (1..=6).map(crossing).collect();
    assert!(c.windows(2).all(|w| w[1] >= w[0]) && c[5] > c[0] + 2, "{c:?}");
    // At the middle size, every extra digit scored costs exact match.
    let mid: Vec<f64> = (1..=6).map(|j| ys(m, &format!("exact_len{j}"))[3]).collect();
    assert!(mid.windows(2).all(|w| w[1] <= w[0]) && mid[0] > mid[5] + 0.4, "{mid:?}");
}
