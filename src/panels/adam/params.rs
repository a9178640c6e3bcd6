//! Panel 03's state: the surface and start of the race, the optimisers' shared hyper-parameters,
//! which racers are drawn, and the seed of the weight-decay comparison.

use super::race::{Hyper, OPTIMIZERS};
use crate::engine::surfaces::Surface;
use crate::state::params::{read_names, Custom, Field, Int, Params, Pick, Real, Seed};
use crate::state::query::{read_f64, Query};

/// Everything panel 03's runs are built from.
#[derive(Clone, Debug, PartialEq)]
pub struct AdamParams {
    /// The loss surface of the race.
    pub surface: Surface,
    /// Where all racers start (dragged on the chart).
    pub start: (f64, f64),
    /// Optimiser hyper-parameters.
    pub hyper: Hyper,
    /// Race length in steps.
    pub steps: u64,
    /// Racers not drawn (they still run).
    pub off: Vec<String>,
    /// Seed of the weight-decay comparison's data and weights.
    pub seed: u64,
    /// Hidden controls.
    pub hide: Vec<String>,
}

impl Default for AdamParams {
    fn default() -> Self {
        Self::on(Surface::IllConditioned)
    }
}

impl AdamParams {
    /// Defaults for `surface`: its suggested start and learning rate, Adam's usual β and ε.
    pub fn on(surface: Surface) -> Self {
        Self {
            surface,
            start: surface.default_start(),
            hyper: Hyper { lr: surface.default_lr(), beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01 },
            steps: 600,
            off: Vec::new(),
            seed: 1,
            hide: Vec::new(),
        }
    }

    /// Whether racer `name` is drawn.
    pub fn shows(&self, name: &str) -> bool {
        !self.off.iter().any(|o| o == name)
    }
}

type P = AdamParams;

/// A start coordinate from the URL, within the surface's square (`None` written: never).
fn read_start(key: &str, raw: &str, current: f64, extent: f64, notes: &mut Vec<String>) -> f64 {
    read_f64(&Query::default().with(key, raw), key, current, -extent, extent, notes)
}

/// The surface; a new one brings its own start and learning rate.
pub const SURFACE: Pick<P, Surface> = Pick {
    key: "surface",
    label: "Loss surface",
    get: |p| p.surface,
    set: |p, s| {
        let d = AdamParams::on(s);
        (p.surface, p.start, p.hyper.lr) = (s, d.start, d.hyper.lr);
    },
};
/// The start's x (dragged on the chart).
pub const X0: Custom<P> = Custom {
    key: "x0",
    read: |p, raw, notes| p.start.0 = read_start("x0", raw, p.start.0, p.surface.extent(), notes),
    write: |p| Some(p.start.0.to_string()),
};
/// The start's y.
pub const Y0: Custom<P> = Custom {
    key: "y0",
    read: |p, raw, notes| p.start.1 = read_start("y0", raw, p.start.1, p.surface.extent(), notes),
    write: |p| Some(p.start.1.to_string()),
};
/// The learning rate of every racer.
pub const LR: Real<P> =
    Real::<P>::new("lr", "Learning rate η", (1e-4, 1.0), |p| p.hyper.lr, |p, v| p.hyper.lr = v).log();
/// β₁.
pub const BETA1: Real<P> =
    Real::<P>::new("beta1", "β₁ (and momentum μ)", (0.0, 0.999), |p| p.hyper.beta1, |p, v| p.hyper.beta1 = v)
        .step(0.001);
/// β₂.
pub const BETA2: Real<P> =
    Real::<P>::new("beta2", "β₂ (and RMSprop's α)", (0.0, 0.9999), |p| p.hyper.beta2, |p, v| p.hyper.beta2 = v)
        .step(0.0001);
/// ε.
pub const EPS: Real<P> = Real::<P>::new("eps", "ε", (1e-10, 1.0), |p| p.hyper.eps, |p, v| p.hyper.eps = v).log();
/// Weight decay, shared by AdamW in the race and by both runs of the decay comparison.
pub const WD: Real<P> = Real::<P>::new(
    "wd",
    "Weight decay λ (AdamW here, both runs below)",
    (0.0, 0.2),
    |p| p.hyper.weight_decay,
    |p, v| p.hyper.weight_decay = v,
)
.step(0.001);
/// The race's length.
pub const STEPS: Int<P> =
    Int::<P>::new("steps", "Race length (steps)", (10, 5_000), |p| p.steps, |p, v| p.steps = v).step(10);
/// Racers not drawn.
pub const OFF: Custom<P> = Custom {
    key: "off",
    read: |p, raw, notes| p.off = read_names("off", raw, &OPTIMIZERS, notes),
    write: |p| (!p.off.is_empty()).then(|| p.off.join(",")),
};
/// The decay comparison's seed.
pub const SEED: Seed<P> = Seed { get: |p| p.seed, set: |p, v| p.seed = v };

impl Params for AdamParams {
    const FIELDS: &'static [&'static dyn Field<Self>] =
        &[&SURFACE, &X0, &Y0, &LR, &BETA1, &BETA2, &EPS, &WD, &STEPS, &OFF, &SEED];
    const PARTS: &'static [&'static str] = &["racers", "decay"];
    crate::hide_field!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::query::UrlParams;

    #[test]
    fn round_trip_clamping_and_per_surface_defaults() {
        let p = AdamParams { off: vec!["sgd".into()], start: (0.5, -1.25), ..AdamParams::on(Surface::Saddle) };
        let mut notes = Vec::new();
        assert_eq!(AdamParams::from_query(&Query::parse(&p.to_query().to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let q = Query::parse("surface=rosenbrock&lr=NaN&x0=99&beta2=2&off=sgd,lion&eps=0");
        let p = AdamParams::from_query(&q, &mut notes);
        assert_eq!(p.surface, Surface::Rosenbrock);
        assert_eq!(p.hyper.lr, Surface::Rosenbrock.default_lr());
        assert_eq!(p.start.0, Surface::Rosenbrock.extent());
        assert_eq!(p.hyper.beta2, 0.9999);
        assert_eq!(p.hyper.eps, EPS.min);
        assert_eq!(p.off, vec!["sgd".to_string()]);
        assert_eq!(notes.len(), 5, "{notes:?}");
    }
}
