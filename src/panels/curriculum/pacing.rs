//! Panel 11's orderings and pacing functions. A pacing function gives the competence c(t), the
//! share of the training set (easiest first) that a curriculum may draw from at step t (Platanios
//! et al. 2019, "Competence-based curriculum learning", §3: linear and root competence).

use crate::engine::choice::Choice;

/// Competence at step 0.
pub const C0: f64 = 0.1;

/// How competence grows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pacing {
    /// c(t) = min(1, c₀ + (1 − c₀)·t/T).
    Linear,
    /// c(t) = min(1, √(c₀² + (1 − c₀²)·t/T)): fast at first, as Platanios et al. recommend.
    Sqrt,
    /// One difficulty level more every T/levels steps.
    Step,
}

impl Choice for Pacing {
    const ALL: &'static [Self] = &[Self::Linear, Self::Sqrt, Self::Step];
    fn key(self) -> &'static str {
        match self {
            Self::Linear => "linear",
            Self::Sqrt => "sqrt",
            Self::Step => "step",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Self::Linear => "linear",
            Self::Sqrt => "square root",
            Self::Step => "step (a level at a time)",
        }
    }
}

/// Competence at step `t` of a ramp `ramp` steps long, over `levels` difficulty levels (used by
/// the step function).
pub fn competence(pacing: Pacing, t: u64, ramp: u64, levels: usize) -> f64 {
    let x = t as f64 / ramp.max(1) as f64;
    let c = match pacing {
        Pacing::Linear => C0 + (1.0 - C0) * x,
        Pacing::Sqrt => (C0 * C0 + (1.0 - C0 * C0) * x).sqrt(),
        Pacing::Step => {
            let l = levels.max(1) as f64;
            ((x * l).floor() + 1.0) / l
        }
    };
    c.clamp(C0.min(1.0), 1.0)
}

/// The order in which examples are fed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ordering {
    /// Uniformly from the whole set: the baseline.
    Random,
    /// From the easiest share c(t).
    EasyToHard,
    /// From the hardest share c(t).
    HardToEasy,
    /// The share c(t) of a candidate pool with the lowest current loss (self-paced learning,
    /// Kumar, Packer & Koller 2010).
    SelfPaced,
}

impl Ordering {
    /// Every ordering, in the page's order.
    pub const ALL: [Self; 4] = [Self::Random, Self::EasyToHard, Self::HardToEasy, Self::SelfPaced];
    /// The series suffix and part name.
    pub fn key(self) -> &'static str {
        match self {
            Self::Random => "random",
            Self::EasyToHard => "easy_to_hard",
            Self::HardToEasy => "hard_to_easy",
            Self::SelfPaced => "self_paced",
        }
    }
    /// What a legend says.
    pub fn label(self) -> &'static str {
        match self {
            Self::Random => "random order",
            Self::EasyToHard => "easy to hard",
            Self::HardToEasy => "hard to easy",
            Self::SelfPaced => "self-paced (lowest loss first)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pacing_functions_follow_their_formulas() {
        // Linear, by hand: c₀ + 0.9·t/T.
        assert!((competence(Pacing::Linear, 0, 100, 4) - 0.1).abs() < 1e-12);
        assert!((competence(Pacing::Linear, 50, 100, 4) - 0.55).abs() < 1e-12);
        assert_eq!(competence(Pacing::Linear, 100, 100, 4), 1.0);
        assert_eq!(competence(Pacing::Linear, 500, 100, 4), 1.0);
        // Root: √(0.01 + 0.99·0.25) = √0.2575.
        assert!((competence(Pacing::Sqrt, 25, 100, 4) - 0.2575f64.sqrt()).abs() < 1e-12);
        assert!(competence(Pacing::Sqrt, 25, 100, 4) > competence(Pacing::Linear, 25, 100, 4));
        // Step over four levels: a quarter more every 25 steps.
        let steps: Vec<f64> =
            [0, 24, 25, 49, 50, 75, 100].iter().map(|&t| competence(Pacing::Step, t, 100, 4)).collect();
        assert_eq!(steps, [0.25, 0.25, 0.5, 0.5, 0.75, 1.0, 1.0]);
    }
}
