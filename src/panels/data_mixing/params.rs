//! Panel 10's state: how the domains are mixed (a preset, the temperature, or the reader's own
//! weights), the run's steps, the sweep's domain, points and steps, and the seed.

use super::mix::{normalise, weights, Domain, Preset};
use super::run::{MixConfig, Rule};
use super::sweep::{line_point, line_weights, SweepConfig};
use crate::engine::data::domains::{sizes, K};
use crate::state::params::{Custom, Field, Flag, Int, Params, Pick, Real, Seed};

/// Panel 10's parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct MixingParams {
    /// How the weights are chosen.
    pub preset: Preset,
    /// The weights (the preset's, or the reader's own when the preset is custom); sum to 1.
    pub mix: [f64; K],
    /// Temperature T of the temperature preset.
    pub temp: f64,
    /// Steps of the run.
    pub steps: u64,
    /// Whether the sweep trains.
    pub sweep: bool,
    /// The domain whose weight the sweep moves.
    pub sweep_domain: Domain,
    /// Points along the sweep's line.
    pub points: u64,
    /// Steps of each of the sweep's models.
    pub sweep_steps: u64,
    /// Seed of the weights and the batches.
    pub seed: u64,
    /// Hidden controls and parts.
    pub hide: Vec<String>,
}

impl Default for MixingParams {
    fn default() -> Self {
        let mut p = Self {
            preset: Preset::Online,
            mix: [0.25; K],
            temp: 3.0,
            steps: 600,
            sweep: false,
            sweep_domain: Domain(3),
            points: 5,
            sweep_steps: 300,
            seed: 1,
            hide: Vec::new(),
        };
        p.settle(&mut Vec::new());
        p
    }
}

impl MixingParams {
    /// The run's rule.
    pub fn rule(&self) -> Rule {
        match self.preset {
            Preset::Online => Rule::Online,
            _ => Rule::Fixed(self.mix),
        }
    }
    /// The run.
    pub fn run(&self) -> MixConfig {
        MixConfig { rule: self.rule(), steps: self.steps, seed: self.seed }
    }
    /// The sweep.
    pub fn sweep_config(&self) -> SweepConfig {
        let natural = weights(Preset::Natural, sizes(), 1.0, self.mix);
        let points =
            line_weights(self.points as usize).into_iter().map(|w| line_point(natural, self.sweep_domain.0, w));
        SweepConfig { points: points.collect(), steps: self.sweep_steps, seed: self.seed }
    }
}

type P = MixingParams;

/// Reads `mix=a,b,c,d`: four weights, normalised when they do not sum to 1.
fn read_mix(p: &mut P, raw: &str, notes: &mut Vec<String>) {
    let v: Vec<f64> = raw.split(',').map(|x| x.trim().parse().unwrap_or(f64::NAN)).collect();
    let ok = v.len() == K && v.iter().all(|x| x.is_finite() && *x >= 0.0 && *x <= 1e6) && v.iter().sum::<f64>() > 0.0;
    if !ok {
        notes.push(format!("mix={raw} is not four non-negative weights; using {}.", write_mix(p).unwrap_or_default()));
        return;
    }
    let w: [f64; K] = std::array::from_fn(|i| v[i]);
    p.mix = if (w.iter().sum::<f64>() - 1.0).abs() <= 1e-3 { w } else { normalise(w) };
}

fn write_mix(p: &P) -> Option<String> {
    (p.preset == Preset::Custom).then(|| p.mix.map(|x| x.to_string()).join(","))
}

/// The mixture rule.
pub const PRESET: Pick<P, Preset> =
    Pick { key: "preset", label: "Mixture", get: |p| p.preset, set: |p, v| p.preset = v };
/// The reader's weights (edited by the panel's linked sliders).
pub const MIX: Custom<P> = Custom { key: "mix", read: read_mix, write: write_mix };
/// Temperature.
pub const TEMP: Real<P> = Real::<P>::new("temp", "Temperature T", (1.0, 10.0), |p| p.temp, |p, v| p.temp = v).step(0.5);
/// Steps.
pub const STEPS: Int<P> = Int::<P>::new("steps", "Steps", (10, 5_000), |p| p.steps, |p, v| p.steps = v).step(10);
/// Sweep on.
pub const SWEEP: Flag<P> = Flag { key: "sweep", label: "Train the sweep", get: |p| p.sweep, set: |p, v| p.sweep = v };
/// The sweep's domain.
pub const SWEEP_DOMAIN: Pick<P, Domain> =
    Pick { key: "sweep_domain", label: "Sweep the weight of", get: |p| p.sweep_domain, set: |p, v| p.sweep_domain = v };
/// Points.
pub const POINTS: Int<P> = Int::<P>::new("points", "Points on the line", (3, 9), |p| p.points, |p, v| p.points = v);
/// Steps per point.
pub const SWEEP_STEPS: Int<P> =
    Int::<P>::new("sweep_steps", "Steps per sweep model", (10, 3_000), |p| p.sweep_steps, |p, v| p.sweep_steps = v)
        .step(10);
/// Seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };

impl Params for MixingParams {
    const FIELDS: &'static [&'static dyn Field<Self>] =
        &[&PRESET, &MIX, &TEMP, &STEPS, &SWEEP, &SWEEP_DOMAIN, &POINTS, &SWEEP_STEPS, &SEED];
    const PARTS: &'static [&'static str] = &["mix", "losses", "weights", "sweep-results"];
    crate::hide_field!();

    /// A preset other than the reader's own sets the weights.
    fn settle(&mut self, _notes: &mut Vec<String>) {
        if self.preset != Preset::Custom {
            self.mix = weights(self.preset, sizes(), self.temp, self.mix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::{Query, UrlParams};

    #[test]
    fn round_trip_and_bad_values() {
        let p = MixingParams { preset: Preset::Custom, mix: [0.1, 0.2, 0.3, 0.4], temp: 2.5, ..Default::default() };
        let mut notes = Vec::new();
        assert_eq!(MixingParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let p = MixingParams::from_query(&Query::parse("preset=custom&mix=1,1,1,1"), &mut notes);
        assert_eq!(p.mix, [0.25; K]);
        let p = MixingParams::from_query(&Query::parse("preset=custom&mix=1,NaN,1&temp=99&points=1"), &mut notes);
        assert_eq!((p.mix, p.temp, p.points), ([0.25; K], 10.0, 3));
        assert_eq!(notes.len(), 3, "{notes:?}");
        // A preset's weights follow from it.
        let p = MixingParams::from_query(&Query::parse("preset=temperature&temp=1"), &mut notes);
        assert_eq!(p.mix, weights(Preset::Natural, sizes(), 1.0, [0.0; K]));
    }
}
