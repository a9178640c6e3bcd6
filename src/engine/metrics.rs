//! Named scalar series streamed from a job to the UI: `train_loss`, `grad_norm_layer_0`, ...
//!
//! A series holds `(step, value)` points. Long runs stay cheap to draw and to hand to scripts: once a
//! series passes [`MAX_POINTS`], every other point is dropped and the recording stride doubles, so
//! memory is bounded while the whole run stays represented (the newest point is always kept).

use std::collections::BTreeMap;

/// Points kept per series before thinning.
pub const MAX_POINTS: usize = 2_000;

/// One named series.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Recorded `(step, value)` points, steps increasing. All but the newest lie on the stride.
    pub points: Vec<(u64, f64)>,
    /// Only steps that are a multiple of `stride` are kept, besides the newest point.
    stride: u64,
}

impl Default for Series {
    fn default() -> Self {
        Self { points: Vec::new(), stride: 1 }
    }
}

impl Series {
    fn push(&mut self, step: u64, value: f64) {
        // The newest point is kept even off the stride, as a placeholder until the next one.
        if self.points.last().is_some_and(|&(s, _)| s % self.stride != 0) {
            self.points.pop();
        }
        self.points.push((step, value));
        if self.points.len() > MAX_POINTS {
            self.stride *= 2;
            let stride = self.stride;
            let newest = self.points.len() - 1;
            let mut i = 0;
            self.points.retain(|(s, _)| {
                i += 1;
                s % stride == 0 || i - 1 == newest
            });
        }
    }

    /// The most recent value.
    pub fn last_value(&self) -> Option<f64> {
        self.points.last().map(|&(_, v)| v)
    }
}

/// Whether a series holds measured wall-clock times (`step_ms_<name>`), which differ from run to
/// run: checks that a seed reproduces a run compare every other series.
pub fn is_measured_time(name: &str) -> bool {
    name.starts_with("step_ms_")
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

    /// The newest value of a series.
    pub fn last(&self, name: &str) -> Option<f64> {
        self.get(name).and_then(Series::last_value)
    }

    /// All series, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Series)> {
        self.series.iter()
    }

    /// Adds every series of `other`. A name both already hold is an error (two jobs of one panel
    /// must not report under one name): the series already here is kept, and the names are
    /// returned.
    pub fn merge(&mut self, other: &Metrics) -> Result<(), Vec<String>> {
        let mut clashes = Vec::new();
        for (k, v) in &other.series {
            if self.series.contains_key(k) {
                clashes.push(k.clone());
            } else {
                self.series.insert(k.clone(), v.clone());
            }
        }
        if clashes.is_empty() {
            Ok(())
        } else {
            Err(clashes)
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
}

/// Points recorded since the last [`Recorder::take`], to be replayed elsewhere: `data` holds
/// `(name index, step, value)` triples, the index into `names`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Points {
    /// The series the triples name.
    pub names: Vec<String>,
    /// Flat `(index into names, step, value)` triples.
    #[serde(with = "super::wire::f64s")]
    pub data: Vec<f64>,
}

impl Points {
    /// Whether no point is held.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

/// [`Metrics`] that also keep every point pushed since the last [`Recorder::take`], so a copy
/// elsewhere (the page's mirror of a job in a worker) can replay the same pushes and end up equal,
/// thinning included.
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    /// Everything recorded.
    pub metrics: Metrics,
    pending: Points,
}

impl Recorder {
    /// Records `value` at `step` under `name`, here and in the pending points.
    pub fn push(&mut self, name: &str, step: u64, value: f64) {
        self.metrics.push(name, step, value);
        let names = &mut self.pending.names;
        let i = names.iter().position(|n| n == name).unwrap_or_else(|| {
            names.push(name.to_string());
            names.len() - 1
        });
        self.pending.data.extend([i as f64, step as f64, value]);
    }

    /// The points pushed since the last call.
    pub fn take(&mut self) -> Points {
        std::mem::take(&mut self.pending)
    }

    /// Forgets everything, pending points included.
    pub fn clear(&mut self) {
        self.metrics.clear();
        self.pending = Points::default();
    }
}

impl Metrics {
    /// Pushes `points` in order (what [`Recorder::take`] returned on the other side).
    pub fn replay(&mut self, points: &Points) {
        for t in points.data.chunks_exact(3) {
            if let Some(name) = points.names.get(t[0] as usize) {
                self.push(name, t[1] as u64, t[2]);
            }
        }
    }
}

/// CSV of named point series: one row per x (sorted, merged across series), one column per series,
/// blank where a series has no point at that x. `columns` are `(name, points)` with points sorted
/// by x. Charts offer this as "Download CSV".
pub fn csv(x_label: &str, columns: &[(&str, &[(f64, f64)])]) -> String {
    let mut xs: Vec<f64> = columns.iter().flat_map(|(_, pts)| pts.iter().map(|p| p.0)).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let mut out = x_label.replace(',', " ");
    for (name, _) in columns {
        out.push(',');
        out.push_str(name);
    }
    out.push('\n');
    for x in xs {
        out.push_str(&x.to_string());
        for (_, pts) in columns {
            out.push(',');
            if let Ok(i) = pts.binary_search_by(|p| p.0.total_cmp(&x)) {
                out.push_str(&pts[i].1.to_string());
            }
        }
        out.push('\n');
    }
    out
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
    fn merging_a_name_twice_is_an_error_and_keeps_the_first() {
        let (mut a, mut b) = (Metrics::default(), Metrics::default());
        a.push("loss", 1, 1.0);
        b.push("loss", 1, 2.0);
        b.push("acc", 1, 0.5);
        assert_eq!(a.merge(&b), Err(vec!["loss".to_string()]));
        assert_eq!(a.get("loss").and_then(Series::last_value), Some(1.0));
        assert_eq!(a.get("acc").and_then(Series::last_value), Some(0.5));
    }

    #[test]
    fn replaying_a_recorders_points_gives_equal_metrics_thinning_included() {
        let mut rec = Recorder::default();
        let mut copy = Metrics::default();
        for step in 1..=5_000u64 {
            rec.push("loss", step, 1.0 / step as f64);
            if step % 7 == 0 {
                rec.push("acc", step, f64::NAN);
            }
            if step % 900 == 0 {
                let pts = crate::engine::wire::decode::<Points>(crate::engine::wire::encode(&rec.take()).unwrap());
                copy.replay(&pts.unwrap());
            }
        }
        copy.replay(&rec.take());
        assert!(rec.take().is_empty());
        assert_eq!(copy.get("loss"), rec.metrics.get("loss"));
        let nan = |m: &Metrics| m.get("acc").map(|s| s.points.iter().map(|p| (p.0, p.1.is_nan())).collect::<Vec<_>>());
        assert_eq!(nan(&copy), nan(&rec.metrics));
        assert!(copy.get("loss").unwrap().points.len() < 5_000);
    }

    #[test]
    fn json_and_csv_carry_the_numbers() {
        let mut m = Metrics::default();
        m.push("train_loss", 1, 0.5);
        m.push("train_loss", 2, f64::NAN);
        m.push("acc", 2, 0.75);
        assert_eq!(m.to_json(), r#"{"acc":[[2,0.75]],"train_loss":[[1,0.5],[2,null]]}"#);
        let pts =
            |n: &str| -> Vec<(f64, f64)> { m.get(n).unwrap().points.iter().map(|&(s, v)| (s as f64, v)).collect() };
        let (loss, acc) = (pts("train_loss"), pts("acc"));
        assert_eq!(csv("step", &[("train_loss", &loss), ("acc", &acc)]), "step,train_loss,acc\n1,0.5,\n2,NaN,0.75\n");
    }
}
