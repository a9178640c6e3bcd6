//! Panel 13's series over the family, derived on the page from the models' own records (each
//! model is its own job, so its scores arrive under names made from its size): `<metric>_n<N>`
//! becomes one point of `<metric>` at x = N, and `exact_match_predicted` is the product of the
//! model's per-position accuracies, the exact match that independent digits would give
//! (Schaeffer et al. 2023).

use crate::engine::group::Derive;
use crate::engine::metrics::Metrics;
use std::collections::BTreeMap;

/// `(metric, N)` of a name `<metric>_n<N>`.
pub fn split(name: &str) -> Option<(&str, u64)> {
    let (base, n) = name.rsplit_once("_n")?;
    Some((base, n.parse().ok()?))
}

/// Every model's value of `metric`, by N.
pub fn by_size(m: &Metrics, metric: &str) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = m
        .iter()
        .filter_map(|(k, s)| {
            split(k).filter(|(b, _)| *b == metric).and_then(|(_, n)| Some((n as f64, s.last_value()?)))
        })
        .collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// Rebuilds the pooled series from every model's records.
pub fn update(m: &Metrics, out: &mut Metrics) {
    let mut pooled: BTreeMap<String, Vec<(u64, f64)>> = BTreeMap::new();
    let mut product: BTreeMap<u64, f64> = BTreeMap::new();
    for (k, s) in m.iter() {
        let (Some((base, n)), Some(v)) = (split(k), s.last_value()) else { continue };
        if base.starts_with("train_loss") {
            continue;
        }
        pooled.entry(base.to_string()).or_default().push((n, v));
        if base.starts_with("acc_pos") {
            *product.entry(n).or_insert(1.0) *= v;
        }
    }
    let mut fresh = Metrics::default();
    for (name, mut pts) in pooled {
        pts.sort_by_key(|p| p.0);
        pts.iter().for_each(|&(n, v)| fresh.push(&name, n, v));
    }
    product.iter().for_each(|(&n, &v)| fresh.push("exact_match_predicted", n, v));
    *out = fresh;
}

/// The derived series, for the registry and the page.
pub const DERIVE: Derive = Derive { input: "exact_match_n", update };
