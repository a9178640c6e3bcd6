//! Named scalar series streamed from a job to the UI: `train_loss`, `grad_norm_layer_0`, ...
//!
//! A series holds `(step, value)` points. Long runs stay cheap to draw and to hand to scripts: once a
//! series passes [`MAX_POINTS`], every other point is dropped and the recording stride doubles, so
//! memory is bounded while the whole run stays represented (the newest point is always kept).

use std::collections::BTreeMap;

/// Points kept per series before thinning.
pub const MAX_POINTS: usize = 2_000;

/// One named series.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    /// Recorded `(step, value)` points, steps increasing.
    pub points: Vec<(u64, f64)>,
    /// Only steps that are a multiple of `stride` are kept (the last point is always replaced in).
    stride: u64,
    /// The latest point seen, kept even when it falls between strides.
    last: Option<(u64, f64)>,
}

impl Series {
    fn push(&mut self, step: u64, value: f64) {
        if self.stride == 0 {
            self.stride = 1;
        }
        // Drop a previous "latest" point that is off-stride: it was only a placeholder.
        if let Some((s, _)) = self.last {
            if s % self.stride != 0 && self.points.last().map(|p| p.0) == Some(s) {
                self.points.pop();
            }
        }
        self.points.push((step, value));
        self.last = Some((step, value));
        if self.points.len() > MAX_POINTS {
            self.stride *= 2;
            let stride = self.stride;
            let last = self.points.last().copied();
            self.points.retain(|(s, _)| s % stride == 0);
            if let Some(l) = last {
                if self.points.last() != Some(&l) {
                    self.points.push(l);
                }
            }
        }
    }

    /// The most recent value.
    pub fn last_value(&self) -> Option<f64> {
        self.last.map(|(_, v)| v)
    }
}

/// All series of one job, by name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metrics {
    series: BTreeMap<String, Series>,
}

impl Metrics {
    /// Records `value` at `step` under `name`.
    pub fn push(&mut self, name: &str, step: u64, value: f64) {
        self.series.entry(name.to_string()).or_default().push(step, value);
    }

    /// A series by name.
    pub fn get(&self, name: &str) -> Option<&Series> {
        self.series.get(name)
    }

    /// All series, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Series)> {
        self.series.iter()
    }

    /// Adds every series of `other` (same-named series are replaced).
    pub fn merge(&mut self, other: &Metrics) {
        for (k, v) in &other.series {
            self.series.insert(k.clone(), v.clone());
        }
    }

    /// Forgets everything (on reset).
    pub fn clear(&mut self) {
        self.series.clear();
    }

    /// `{name: [[step, value], ...]}` as JSON, the shape `window.trainlab.metrics` returns.
    /// Non-finite values become `null`.
    pub fn to_json(&self) -> String {
        let map: BTreeMap<&str, Vec<(u64, Option<f64>)>> = self
            .series
            .iter()
            .map(|(k, s)| {
                let pts = s.points.iter().map(|&(st, v)| (st, v.is_finite().then_some(v))).collect();
                (k.as_str(), pts)
            })
            .collect();
        serde_json::to_string(&map).unwrap_or_else(|_| "{}".into())
    }

    /// CSV with one row per step and one column per named series (blank where a series has no
    /// point at that step).
    pub fn to_csv(&self, names: &[&str]) -> String {
        let mut steps: Vec<u64> =
            names.iter().filter_map(|n| self.series.get(*n)).flat_map(|s| s.points.iter().map(|p| p.0)).collect();
        steps.sort_unstable();
        steps.dedup();
        let mut out = String::from("step");
        for n in names {
            out.push(',');
            out.push_str(n);
        }
        out.push('\n');
        let lookups: Vec<BTreeMap<u64, f64>> = names
            .iter()
            .map(|n| self.series.get(*n).map(|s| s.points.iter().copied().collect()).unwrap_or_default())
            .collect();
        for step in steps {
            out.push_str(&step.to_string());
            for l in &lookups {
                out.push(',');
                if let Some(v) = l.get(&step) {
                    out.push_str(&v.to_string());
                }
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_bounds_memory_and_keeps_the_latest_point() {
        let mut m = Metrics::default();
        for step in 1..=10_000u64 {
            m.push("loss", step, step as f64);
        }
        let s = m.get("loss").unwrap();
        assert!(s.points.len() <= MAX_POINTS + 1, "{}", s.points.len());
        assert!(s.points.len() > MAX_POINTS / 4);
        assert_eq!(s.points.last(), Some(&(10_000, 10_000.0)));
        assert!(s.points.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn json_and_csv_carry_the_numbers() {
        let mut m = Metrics::default();
        m.push("train_loss", 1, 0.5);
        m.push("train_loss", 2, f64::NAN);
        m.push("acc", 2, 0.75);
        assert_eq!(m.to_json(), r#"{"acc":[[2,0.75]],"train_loss":[[1,0.5],[2,null]]}"#);
        assert_eq!(m.to_csv(&["train_loss", "acc"]), "step,train_loss,acc\n1,0.5,\n2,NaN,0.75\n");
    }
}
