//! Panel 11's state: the pacing function, the budget, how much of it the curriculum's ramp takes,
//! the label noise, and the first of the three seeds.

use super::pacing::{Ordering, Pacing};
use super::race::RaceConfig;
use crate::state::params::{Field, Int, Params, Pick, Real, Seed};

/// Panel 11's parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct CurriculumParams {
    /// How competence grows.
    pub pacing: Pacing,
    /// Steps of every run: the budget.
    pub steps: u64,
    /// Share of the budget until competence reaches 1.
    pub ramp: f64,
    /// Share of training answers that are wrong.
    pub noise: f64,
    /// First seed.
    pub seed: u64,
    /// Hidden controls and parts.
    pub hide: Vec<String>,
}

impl Default for CurriculumParams {
    fn default() -> Self {
        Self { pacing: Pacing::Sqrt, steps: 600, ramp: 0.5, noise: 0.0, seed: 1, hide: Vec::new() }
    }
}

impl CurriculumParams {
    /// The run of `ordering`.
    pub fn race(&self, ordering: Ordering) -> RaceConfig {
        let ramp = ((self.steps as f64 * self.ramp).round() as u64).max(1);
        RaceConfig { ordering, pacing: self.pacing, steps: self.steps, ramp, noise: self.noise, seed: self.seed }
    }
}

type P = CurriculumParams;

/// Pacing.
pub const PACING: Pick<P, Pacing> =
    Pick { key: "pacing", label: "Pacing", get: |p| p.pacing, set: |p, v| p.pacing = v };
/// Budget.
pub const STEPS: Int<P> =
    Int::<P>::new("steps", "Budget (steps)", (20, 5_000), |p| p.steps, |p, v| p.steps = v).step(20);
/// Ramp.
pub const RAMP: Real<P> =
    Real::<P>::new("ramp", "Ramp (share of the budget)", (0.05, 1.0), |p| p.ramp, |p, v| p.ramp = v).step(0.05);
/// Noise.
pub const NOISE: Real<P> =
    Real::<P>::new("noise", "Label noise", (0.0, 0.6), |p| p.noise, |p, v| p.noise = v).step(0.05);
/// Seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };

impl Params for CurriculumParams {
    const FIELDS: &'static [&'static dyn Field<Self>] = &[&PACING, &STEPS, &RAMP, &NOISE, &SEED];
    const PARTS: &'static [&'static str] = &["accuracy", "heatmap", "difficulty"];
    crate::hide_field!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::{Query, UrlParams};

    #[test]
    fn round_trip_and_bad_values() {
        let p = CurriculumParams { pacing: Pacing::Step, noise: 0.2, ..Default::default() };
        let mut notes = Vec::new();
        assert_eq!(CurriculumParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let p = CurriculumParams::from_query(&Query::parse("pacing=cubic&noise=-1&ramp=NaN"), &mut notes);
        assert_eq!((p.pacing, p.noise, p.ramp), (Pacing::Sqrt, 0.0, 0.5));
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert_eq!(p.race(Ordering::Random).ramp, 300);
    }
}
