//! Panel 15's state: the mixture view's samples and generations, the text view's characters and
//! generations, and what both share (sampling temperature, share of real data kept, replace or
//! accumulate, seed).

use super::gmm::CollapseConfig;
use super::pool::Mode;
use crate::state::query::{read_f64, read_list, read_u64, Query, UrlParams};

/// Mixture samples per generation.
pub const N_RANGE: (u64, u64) = (20, 2000);
/// Mixture generations.
pub const GENS_RANGE: (u64, u64) = (2, 200);
/// Characters per text generation.
pub const CHARS_RANGE: (u64, u64) = (500, 20_000);
/// Text generations.
pub const TEXT_GENS_RANGE: (u64, u64) = (2, 30);
/// Gradient steps per mixture generation.
pub const FIT_STEPS_RANGE: (u64, u64) = (10, 1000);
/// Training steps per text generation.
pub const TEXT_STEPS_RANGE: (u64, u64) = (20, 5000);
/// Sampling temperature.
pub const TEMP_RANGE: (f64, f64) = (0.5, 1.5);
/// Parts an embedding can hide.
pub const HIDEABLE: [&str; 11] =
    ["n", "gens", "fit_steps", "chars", "text_gens", "text_steps", "temp", "real", "mode", "seed", "text"];

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

impl UrlParams for CollapseParams {
    fn from_query(q: &Query, notes: &mut Vec<String>) -> Self {
        let d = Self::default();
        let mode = match q.get("mode") {
            None => d.mode,
            Some(k) => Mode::from_key(k).unwrap_or_else(|| {
                notes.push(format!("mode: \"{k}\" is not replace or accumulate; using replace."));
                d.mode
            }),
        };
        Self {
            n: read_u64(q, "n", d.n, N_RANGE.0, N_RANGE.1, notes),
            gens: read_u64(q, "gens", d.gens, GENS_RANGE.0, GENS_RANGE.1, notes),
            fit_steps: read_u64(q, "fit_steps", d.fit_steps, FIT_STEPS_RANGE.0, FIT_STEPS_RANGE.1, notes),
            text_steps: read_u64(q, "text_steps", d.text_steps, TEXT_STEPS_RANGE.0, TEXT_STEPS_RANGE.1, notes),
            chars: read_u64(q, "chars", d.chars, CHARS_RANGE.0, CHARS_RANGE.1, notes),
            text_gens: read_u64(q, "text_gens", d.text_gens, TEXT_GENS_RANGE.0, TEXT_GENS_RANGE.1, notes),
            temp: read_f64(q, "temp", d.temp, TEMP_RANGE.0, TEMP_RANGE.1, notes),
            real: read_f64(q, "real", d.real, 0.0, 1.0, notes),
            mode,
            seed: read_u64(q, "seed", d.seed, 0, u64::from(u32::MAX), notes),
            hide: read_list(q, "hide", &HIDEABLE, notes),
        }
    }

    fn to_query(&self) -> Query {
        Query::default()
            .with("n", self.n)
            .with("gens", self.gens)
            .with("fit_steps", self.fit_steps)
            .with("chars", self.chars)
            .with("text_gens", self.text_gens)
            .with("text_steps", self.text_steps)
            .with("temp", self.temp)
            .with("real", self.real)
            .with("mode", self.mode.key())
            .with("seed", self.seed)
            .with_list("hide", &self.hide)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bad_values() {
        let p = CollapseParams { mode: Mode::Accumulate, real: 0.25, temp: 0.8, ..Default::default() };
        let mut notes = Vec::new();
        assert_eq!(CollapseParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let q = Query::parse("mode=both&n=1&real=7&temp=NaN&gens=1e9");
        let p = CollapseParams::from_query(&q, &mut notes);
        assert_eq!((p.mode, p.n, p.real, p.gens), (Mode::Replace, N_RANGE.0, 1.0, GENS_RANGE.1));
        assert_eq!(p.temp, 1.0);
        assert_eq!(notes.len(), 5, "{notes:?}");
    }
}
