//! Panel 03's state: the surface and start of the race, the optimisers' shared hyper-parameters,
//! which racers are drawn, and the seed of the weight-decay comparison.

use super::race::{Hyper, OPTIMIZERS};
use crate::engine::surfaces::Surface;
use crate::state::query::{read_choice, read_f64, read_list, read_u64, Query, UrlParams};

/// Learning-rate range (log slider).
pub const LR_RANGE: (f64, f64) = (1e-4, 1.0);
/// ε range (log slider).
pub const EPS_RANGE: (f64, f64) = (1e-10, 1.0);
/// Weight-decay range, shared by AdamW in the race and by both runs of the decay comparison.
pub const WD_RANGE: (f64, f64) = (0.0, 0.2);
/// Race-length range.
pub const STEPS_RANGE: (u64, u64) = (10, 5_000);
/// Controls a course author may hide.
pub const HIDEABLE: [&str; 10] = ["surface", "lr", "beta1", "beta2", "eps", "wd", "racers", "steps", "seed", "decay"];

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

impl UrlParams for AdamParams {
    fn from_query(q: &Query, notes: &mut Vec<String>) -> Self {
        let keys: Vec<&str> = Surface::ALL.iter().map(|s| s.key()).collect();
        let surface = read_choice(q, "surface", Surface::IllConditioned, Surface::from_key, &keys, notes);
        let d = Self::on(surface);
        let e = surface.extent();
        let h = d.hyper;
        Self {
            surface,
            start: (read_f64(q, "x0", d.start.0, -e, e, notes), read_f64(q, "y0", d.start.1, -e, e, notes)),
            hyper: Hyper {
                lr: read_f64(q, "lr", h.lr, LR_RANGE.0, LR_RANGE.1, notes),
                beta1: read_f64(q, "beta1", h.beta1, 0.0, 0.999, notes),
                beta2: read_f64(q, "beta2", h.beta2, 0.0, 0.9999, notes),
                eps: read_f64(q, "eps", h.eps, EPS_RANGE.0, EPS_RANGE.1, notes),
                weight_decay: read_f64(q, "wd", h.weight_decay, WD_RANGE.0, WD_RANGE.1, notes),
            },
            steps: read_u64(q, "steps", d.steps, STEPS_RANGE.0, STEPS_RANGE.1, notes),
            off: read_list(q, "off", &OPTIMIZERS, notes),
            seed: read_u64(q, "seed", d.seed, 0, u64::from(u32::MAX), notes),
            hide: read_list(q, "hide", &HIDEABLE, notes),
        }
    }

    fn to_query(&self) -> Query {
        let h = &self.hyper;
        Query::default()
            .with("surface", self.surface.key())
            .with("x0", self.start.0)
            .with("y0", self.start.1)
            .with("lr", h.lr)
            .with("beta1", h.beta1)
            .with("beta2", h.beta2)
            .with("eps", h.eps)
            .with("wd", h.weight_decay)
            .with("steps", self.steps)
            .with_list("off", &self.off)
            .with("seed", self.seed)
            .with_list("hide", &self.hide)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(p.hyper.eps, EPS_RANGE.0);
        assert_eq!(p.off, vec!["sgd".to_string()]);
        assert_eq!(notes.len(), 5, "{notes:?}");
    }
}
