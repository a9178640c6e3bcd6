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
pub const N: Int<P> = Int {
    key: "n",
    label: Some("Samples per generation"),
    min: 20,
    max: 2000,
    step: 1,
    log: true,
    get: |p| p.n,
    set: |p, v| p.n = v,
};
/// Mixture generations (counting generation 0).
pub const GENS: Int<P> = Int {
    key: "gens",
    label: Some("Generations"),
    min: 2,
    max: 200,
    step: 1,
    log: false,
    get: |p| p.gens,
    set: |p, v| p.gens = v,
};
/// Gradient steps per mixture generation.
pub const FIT_STEPS: Int<P> = Int {
    key: "fit_steps",
    label: Some("Gradient steps per generation"),
    min: 10,
    max: 1000,
    step: 1,
    log: true,
    get: |p| p.fit_steps,
    set: |p, v| p.fit_steps = v,
};
/// Characters per text generation.
pub const CHARS: Int<P> = Int {
    key: "chars",
    label: Some("Characters per generation"),
    min: 500,
    max: 20_000,
    step: 1,
    log: true,
    get: |p| p.chars,
    set: |p, v| p.chars = v,
};
/// Text generations (counting generation 0).
pub const TEXT_GENS: Int<P> = Int {
    key: "text_gens",
    label: Some("Generations"),
    min: 2,
    max: 30,
    step: 1,
    log: false,
    get: |p| p.text_gens,
    set: |p, v| p.text_gens = v,
};
/// Training steps per text generation.
pub const TEXT_STEPS: Int<P> = Int {
    key: "text_steps",
    label: Some("Training steps per generation"),
    min: 20,
    max: 5000,
    step: 1,
    log: true,
    get: |p| p.text_steps,
    set: |p, v| p.text_steps = v,
};
/// Sampling temperature (both views).
pub const TEMP: Real<P> = Real {
    key: "temp",
    label: Some("Sampling temperature"),
    min: 0.5,
    max: 1.5,
    step: 0.05,
    log: false,
    get: |p| p.temp,
    set: |p, v| p.temp = v,
};
/// Share of each batch that is kept real data.
pub const REAL: Real<P> = Real {
    key: "real",
    label: Some("Share of real data kept in each batch"),
    min: 0.0,
    max: 1.0,
    step: 0.05,
    log: false,
    get: |p| p.real,
    set: |p, v| p.real = v,
};
/// Replace or accumulate.
pub const MODE: Pick<P, Mode> = Pick { key: "mode", label: "Each generation's data", get: |p| p.mode, set: |p, v| p.mode = v };
/// The seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };

impl Params for CollapseParams {
    const FIELDS: &'static [&'static dyn Field<Self>] =
        &[&N, &GENS, &FIT_STEPS, &CHARS, &TEXT_GENS, &TEXT_STEPS, &TEMP, &REAL, &MODE, &SEED];
    const PARTS: &'static [&'static str] = &["text"];
    fn hide(&self) -> &[String] {
        &self.hide
    }
    fn hide_mut(&mut self) -> &mut Vec<String> {
        &mut self.hide
    }
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
