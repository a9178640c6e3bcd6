//! Panel 15's state: the mixture view's samples and generations, the text view's characters and
//! generations, and what both share (sampling temperature, share of real data kept, replace or
//! accumulate, seed).

use super::gmm::CollapseConfig;
use super::pool::Mode;
use crate::state::params::{Field, Int, Params, Pick, Real, Seed};

/// Everything panel 15 keeps in the URL.
#[derive(Clone, Debug, PartialEq)]
pub struct CollapseParams {
    /// Mixture samples per generation.
    pub n: u64,
    /// Mixture generations (counting generation 0).
    pub gens: u64,
    /// Gradient steps per mixture generation.
    pub fit_steps: u64,
    /// Characters per text generation.
    pub chars: u64,
    /// Text generations (counting generation 0).
    pub text_gens: u64,
    /// Training steps per text generation.
    pub text_steps: u64,
    /// Sampling temperature (both views).
    pub temp: f64,
    /// Share of each batch that is kept real data.
    pub real: f64,
    /// Replace or accumulate.
    pub mode: Mode,
    /// Seed.
    pub seed: u64,
    /// Controls and views hidden in an embed.
    pub hide: Vec<String>,
}

impl Default for CollapseParams {
    /// Measured defaults (see the closing note of issue 4).
    fn default() -> Self {
        Self {
            n: 50,
            gens: 100,
            fit_steps: super::gmm::FIT_STEPS,
            chars: 3000,
            text_gens: 8,
            text_steps: super::text::TRAIN_STEPS,
            temp: 1.0,
            real: 0.0,
            mode: Mode::Replace,
            seed: 0,
            hide: Vec::new(),
        }
    }
}

impl CollapseParams {
    /// The mixture view's run.
    pub fn mixture(&self) -> CollapseConfig {
        self.config(self.n, self.gens, self.fit_steps)
    }
    /// The text view's run.
    pub fn text(&self) -> CollapseConfig {
        self.config(self.chars, self.text_gens, self.text_steps)
    }
    fn config(&self, n: u64, generations: u64, steps: u64) -> CollapseConfig {
        CollapseConfig {
            n: n as usize,
            generations: generations as usize,
            temperature: self.temp,
            real_frac: self.real,
            mode: self.mode,
            seed: self.seed,
            steps,
        }
    }
}

type P = CollapseParams;

/// Mixture samples per generation.
pub const N: Int<P> = Int::<P>::new("n", "Samples per generation", (20, 2000), |p| p.n, |p, v| p.n = v).log();
/// Mixture generations (counting generation 0).
pub const GENS: Int<P> = Int::<P>::new("gens", "Generations", (2, 200), |p| p.gens, |p, v| p.gens = v);
/// Gradient steps per mixture generation.
pub const FIT_STEPS: Int<P> =
    Int::<P>::new("fit_steps", "Gradient steps per generation", (10, 1000), |p| p.fit_steps, |p, v| p.fit_steps = v)
        .log();
/// Characters per text generation.
pub const CHARS: Int<P> =
    Int::<P>::new("chars", "Characters per generation", (500, 20_000), |p| p.chars, |p, v| p.chars = v).log();
/// Text generations (counting generation 0).
pub const TEXT_GENS: Int<P> =
    Int::<P>::new("text_gens", "Generations", (2, 30), |p| p.text_gens, |p, v| p.text_gens = v);
/// Training steps per text generation.
pub const TEXT_STEPS: Int<P> =
    Int::<P>::new("text_steps", "Training steps per generation", (20, 5000), |p| p.text_steps, |p, v| p.text_steps = v)
        .log();
/// Sampling temperature (both views).
pub const TEMP: Real<P> =
    Real::<P>::new("temp", "Sampling temperature", (0.5, 1.5), |p| p.temp, |p, v| p.temp = v).step(0.05);
/// Share of each batch that is kept real data.
pub const REAL: Real<P> =
    Real::<P>::new("real", "Share of real data kept in each batch", (0.0, 1.0), |p| p.real, |p, v| p.real = v)
        .step(0.05);
/// Replace or accumulate.
pub const MODE: Pick<P, Mode> =
    Pick { key: "mode", label: "Each generation's data", get: |p| p.mode, set: |p, v| p.mode = v };
/// The seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };

impl Params for CollapseParams {
    const FIELDS: &'static [&'static dyn Field<Self>] =
        &[&N, &GENS, &FIT_STEPS, &CHARS, &TEXT_GENS, &TEXT_STEPS, &TEMP, &REAL, &MODE, &SEED];
    const PARTS: &'static [&'static str] = &["text"];
    crate::hide_field!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::{Query, UrlParams};

    #[test]
    fn round_trip_and_bad_values() {
        let p = CollapseParams { mode: Mode::Accumulate, real: 0.25, temp: 0.8, ..Default::default() };
        let mut notes = Vec::new();
        assert_eq!(CollapseParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let q = Query::parse("mode=both&n=1&real=7&temp=NaN&gens=1e9");
        let p = CollapseParams::from_query(&q, &mut notes);
        assert_eq!((p.mode, p.n, p.real, p.gens), (Mode::Replace, N.min, 1.0, GENS.max));
        assert_eq!(p.temp, 1.0);
        assert_eq!(notes.len(), 5, "{notes:?}");
    }
}
