//! Panel 17's phenomenon at the defaults a reader gets: the STaR loop's test accuracy after its
//! rounds clearly exceeds round 0's, longer problems are solved as the rounds go on, and the loop
//! without the verifier ends below the filtered one. (The verifier's exactness is `task.rs`'s
//! unit test.)

use trainlab::engine::backend::cpu_device;
use trainlab::engine::metrics::Metrics;
use trainlab::panels::star::PANEL;
use trainlab::state::query::Query;

fn values(m: &Metrics, name: &str) -> Vec<f64> {
    m.get(name).map(|s| s.points.iter().map(|p| p.1).collect()).unwrap_or_default()
}

#[test]
fn the_default_loop_improves_with_the_verifier_and_not_without() {
    let m = PANEL.train(&Query::parse(""), &cpu_device()).expect("the panel trains");
    let acc = values(&m, "accuracy");
    assert_eq!(acc.len(), 7, "round 0 and six rounds: {acc:?}");
    let (first, last) = (acc[0], acc[acc.len() - 1]);
    assert!(last > first + 0.2, "STaR's rounds raise test accuracy by more than 0.2: {acc:?}");
    let unfiltered = values(&m, "accuracy_unfiltered");
    assert!(*unfiltered.last().unwrap() < last - 0.1, "without the verifier it ends lower: {unfiltered:?} vs {acc:?}");
    // The frontier moves: 5-digit problems go from rarely to mostly solved.
    let five = values(&m, "acc_digits5");
    assert!(five[0] < 0.3 && *five.last().unwrap() > five[0] + 0.3, "5 digits: {five:?}");
    let kept = values(&m, "kept");
    assert!(kept[1..].windows(2).any(|w| w[1] > w[0]), "more rationales are kept as the model improves: {kept:?}");
}
