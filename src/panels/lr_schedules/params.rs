//! Panel 04's state: the two schedules compared, their shared numbers, and the seed.

use crate::engine::schedule::{Kind, Schedule};
use crate::state::query::{read_choice, read_f64, read_list, read_u64, Query, UrlParams};

/// Peak-LR range (Burn's schedulers accept at most 1).
pub const PEAK_RANGE: (f64, f64) = (1e-3, 1.0);
/// Total-steps range.
pub const TOTAL_RANGE: (u64, u64) = (50, 5_000);
/// Controls a course author may hide.
pub const HIDEABLE: [&str; 7] = ["a", "b", "peak", "warmup", "total", "min_ratio", "seed"];

/// Two schedules, trained side by side on the same model and data.
#[derive(Clone, Debug, PartialEq)]
pub struct ScheduleParams {
    /// Run A's schedule.
    pub a: Kind,
    /// Run B's schedule.
    pub b: Kind,
    /// Peak learning rate, 1e-3–1 (log slider).
    pub peak: f64,
    /// Warmup steps, 2 to `total − 2`.
    pub warmup: usize,
    /// Total steps, 50–5000; the runs end there.
    pub total: usize,
    /// Floor as a fraction of the peak, 0–1.
    pub min_ratio: f64,
    /// Seed for data and weights (shared by both runs).
    pub seed: u64,
    /// Hidden controls.
    pub hide: Vec<String>,
}

impl Default for ScheduleParams {
    fn default() -> Self {
        // At peak 0.1 Adam without warmup spikes early; measured in tests/lr_schedules.rs.
        Self {
            a: Kind::Constant,
            b: Kind::Wsd,
            peak: 0.1,
            warmup: 50,
            total: 400,
            min_ratio: 0.01,
            seed: 1,
            hide: vec![],
        }
    }
}

impl ScheduleParams {
    /// Run `run`'s full schedule.
    pub fn schedule(&self, kind: Kind) -> Schedule {
        Schedule { kind, peak: self.peak, warmup: self.warmup, total: self.total, min_ratio: self.min_ratio }
    }
}

impl UrlParams for ScheduleParams {
    fn from_query(q: &Query, notes: &mut Vec<String>) -> Self {
        let d = Self::default();
        let keys: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
        let total = read_u64(q, "total", d.total as u64, TOTAL_RANGE.0, TOTAL_RANGE.1, notes) as usize;
        Self {
            a: read_choice(q, "a", d.a, Kind::from_key, &keys, notes),
            b: read_choice(q, "b", d.b, Kind::from_key, &keys, notes),
            peak: read_f64(q, "peak", d.peak, PEAK_RANGE.0, PEAK_RANGE.1, notes),
            warmup: read_u64(q, "warmup", d.warmup as u64, 2, (total - 2) as u64, notes) as usize,
            total,
            min_ratio: read_f64(q, "min_ratio", d.min_ratio, 0.0, 1.0, notes),
            seed: read_u64(q, "seed", d.seed, 0, u64::from(u32::MAX), notes),
            hide: read_list(q, "hide", &HIDEABLE, notes),
        }
    }

    fn to_query(&self) -> Query {
        Query::default()
            .with("a", self.a.key())
            .with("b", self.b.key())
            .with("peak", self.peak)
            .with("warmup", self.warmup)
            .with("total", self.total)
            .with("min_ratio", self.min_ratio)
            .with("seed", self.seed)
            .with_list("hide", &self.hide)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_clamping() {
        let p = ScheduleParams { a: Kind::Cosine, peak: 0.3, ..Default::default() };
        let mut notes = Vec::new();
        assert_eq!(ScheduleParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty());
        let q = Query::parse("a=zigzag&peak=7&total=60&warmup=500");
        let p = ScheduleParams::from_query(&q, &mut notes);
        assert_eq!((p.a, p.peak, p.total, p.warmup), (Kind::Constant, 1.0, 60, 58));
        assert_eq!(notes.len(), 3, "{notes:?}");
        for kind in Kind::ALL {
            assert!(p.schedule(kind).burn().is_ok(), "{kind:?} must be valid after clamping");
        }
    }
}
