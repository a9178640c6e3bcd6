//! Panel 13's state: operand digits k, how many sizes, the training steps of each, the metric and
//! axis shown, and the seed.

use super::run::SizeConfig;
use super::task::MAX_DIGITS;
use crate::engine::choice::Choice;
use crate::state::params::{Field, Flag, Int, Params, Pick, Seed};

/// What the main chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Exact match of the whole answer.
    Exact,
    /// Per-digit accuracy.
    Token,
    /// Token edit distance.
    Edit,
    /// Log-probability of the correct answer.
    LogProb,
}

impl Choice for Metric {
    const ALL: &'static [Self] = &[Self::Exact, Self::Token, Self::Edit, Self::LogProb];
    fn key(self) -> &'static str {
        match self {
            Self::Exact => "exact_match",
            Self::Token => "token_acc",
            Self::Edit => "edit_distance",
            Self::LogProb => "answer_logprob",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Self::Exact => "exact match",
            Self::Token => "per-digit accuracy",
            Self::Edit => "edit distance",
            Self::LogProb => "log-probability of the answer",
        }
    }
}

/// Hidden width of the smallest model; each next size doubles it.
pub const MIN_WIDTH: usize = 4;
/// Parts: one job per size.
pub const MAX_SIZES: usize = 8;

/// Panel 13's parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct EmergenceParams {
    /// Operand digits k (answers have k + 1).
    pub digits: u64,
    /// Model sizes.
    pub sizes: u64,
    /// Training steps of every model.
    pub steps: u64,
    /// The metric on the main chart.
    pub metric: Metric,
    /// Log x axis.
    pub log_x: bool,
    /// Seed.
    pub seed: u64,
    /// Hidden controls and parts.
    pub hide: Vec<String>,
}

impl Default for EmergenceParams {
    fn default() -> Self {
        Self { digits: 5, sizes: 7, steps: 1_500, metric: Metric::Exact, log_x: true, seed: 1, hide: Vec::new() }
    }
}

impl EmergenceParams {
    /// Model `i`'s settings, if the family has it.
    pub fn size(&self, i: usize) -> Option<SizeConfig> {
        (i < self.sizes as usize).then(|| SizeConfig {
            index: i,
            digits: self.digits as usize,
            width: MIN_WIDTH << i,
            steps: self.steps,
            seed: self.seed,
        })
    }
}

type P = EmergenceParams;

/// Digits.
pub const DIGITS: Int<P> =
    Int::<P>::new("digits", "Digits per operand (k)", (1, MAX_DIGITS as u64), |p| p.digits, |p, v| p.digits = v);
/// Sizes.
pub const SIZES: Int<P> = Int::<P>::new("sizes", "Model sizes", (3, MAX_SIZES as u64), |p| p.sizes, |p, v| p.sizes = v);
/// Steps.
pub const STEPS: Int<P> =
    Int::<P>::new("steps", "Training steps per model", (20, 5_000), |p| p.steps, |p, v| p.steps = v).step(20);
/// Metric.
pub const METRIC: Pick<P, Metric> =
    Pick { key: "metric", label: "Metric", get: |p| p.metric, set: |p, v| p.metric = v };
/// Log x.
pub const LOG_X: Flag<P> = Flag { key: "logx", label: "Log x axis", get: |p| p.log_x, set: |p, v| p.log_x = v };
/// Seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };

impl Params for EmergenceParams {
    const FIELDS: &'static [&'static dyn Field<Self>] = &[&DIGITS, &SIZES, &STEPS, &METRIC, &LOG_X, &SEED];
    const PARTS: &'static [&'static str] = &["metric-chart", "lengths", "table"];
    crate::hide_field!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::{Query, UrlParams};

    #[test]
    fn round_trip_and_bad_values() {
        let p = EmergenceParams { digits: 3, metric: Metric::LogProb, log_x: false, ..Default::default() };
        let mut notes = Vec::new();
        assert_eq!(EmergenceParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let p = EmergenceParams::from_query(&Query::parse("digits=99&metric=vibes&sizes=-2"), &mut notes);
        assert_eq!((p.digits, p.metric), (6, Metric::Exact));
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(p.size(2).is_some() && p.size(7).is_none());
    }
}
