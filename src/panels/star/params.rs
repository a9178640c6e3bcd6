//! Panel 17's state: rounds, steps per round, the seed set, the pool, the sampling temperature,
//! rationalisation, restart or continue, learning rate and seed.

use super::run::StarSettings;
use crate::state::params::{Field, Flag, Int, Params, Real, Seed};

/// Everything panel 17 keeps in the URL.
#[derive(Clone, Debug, PartialEq)]
pub struct StarParams {
    /// Rounds after round 0.
    pub rounds: u64,
    /// Training steps per round.
    pub steps: u64,
    /// Worked seed problems.
    pub seed_set: u64,
    /// Problems sampled per round.
    pub pool: u64,
    /// Sampling temperature.
    pub temp: f64,
    /// Rationalise failures with a hint.
    pub rationalize: bool,
    /// Restart from fresh weights each round.
    pub restart: bool,
    /// Learning rate.
    pub lr: f64,
    /// Seed.
    pub seed: u64,
    /// Controls and views hidden in an embed.
    pub hide: Vec<String>,
}

impl Default for StarParams {
    /// Measured defaults (see the closing note of issue 20).
    fn default() -> Self {
        Self {
            rounds: 6,
            steps: 600,
            seed_set: 100,
            pool: 400,
            temp: 1.0,
            rationalize: true,
            restart: true,
            lr: 0.01,
            seed: 1,
            hide: Vec::new(),
        }
    }
}

impl StarParams {
    /// The loop's settings, with the verifier (`filter`) or without.
    pub fn settings(&self, filter: bool) -> StarSettings {
        StarSettings {
            rounds: self.rounds as usize,
            steps: self.steps,
            seed_set: self.seed_set as usize,
            pool: self.pool as usize,
            temperature: self.temp,
            filter,
            rationalize: self.rationalize,
            restart: self.restart,
            lr: self.lr,
            seed: self.seed,
        }
    }
}

type P = StarParams;

/// Rounds after round 0.
pub const ROUNDS: Int<P> = Int::<P>::new("rounds", "Rounds", (1, 20), |p| p.rounds, |p, v| p.rounds = v);
/// Training steps per round.
pub const STEPS: Int<P> =
    Int::<P>::new("steps", "Training steps per round", (10, 5000), |p| p.steps, |p, v| p.steps = v).log();
/// Worked seed problems.
pub const SEED_SET: Int<P> = Int::<P>::new(
    "seed_set",
    "Worked seed examples (1 and 2 digits)",
    (4, 1000),
    |p| p.seed_set,
    |p, v| p.seed_set = v,
)
.log();
/// Problems sampled per round.
pub const POOL: Int<P> =
    Int::<P>::new("pool", "Problems attempted per round (1–8 digits)", (16, 4000), |p| p.pool, |p, v| p.pool = v).log();
/// Sampling temperature.
pub const TEMP: Real<P> =
    Real::<P>::new("temp", "Sampling temperature", (0.1, 2.0), |p| p.temp, |p, v| p.temp = v).step(0.05);
/// Rationalisation.
pub const RATIONALIZE: Flag<P> = Flag {
    key: "rationalize",
    label: "Rationalise failures: try again with the answer as a hint",
    get: |p| p.rationalize,
    set: |p, v| p.rationalize = v,
};
/// Restart or continue.
pub const RESTART: Flag<P> = Flag {
    key: "restart",
    label: "Restart from fresh weights each round (as STaR does)",
    get: |p| p.restart,
    set: |p, v| p.restart = v,
};
/// Learning rate.
pub const LR: Real<P> = Real::<P>::new("lr", "Learning rate", (1e-4, 0.1), |p| p.lr, |p, v| p.lr = v).log();
/// The seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };

impl Params for StarParams {
    const FIELDS: &'static [&'static dyn Field<Self>] =
        &[&ROUNDS, &STEPS, &SEED_SET, &POOL, &TEMP, &RATIONALIZE, &RESTART, &LR, &SEED];
    const PARTS: &'static [&'static str] = &["unfiltered", "heatmap", "examples"];
    crate::hide_field!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::{Query, UrlParams};

    #[test]
    fn round_trip_and_bad_values() {
        let p = StarParams { rationalize: false, restart: false, temp: 0.7, ..Default::default() };
        let mut notes = Vec::new();
        assert_eq!(StarParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let p = StarParams::from_query(&Query::parse("rounds=99&temp=inf&pool=-3"), &mut notes);
        assert_eq!((p.rounds, p.temp, p.pool), (ROUNDS.max, TEMP.max, POOL.min));
        assert_eq!(notes.len(), 3, "{notes:?}");
    }
}
