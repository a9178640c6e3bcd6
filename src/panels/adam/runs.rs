//! Panel 03's jobs, as descriptions and as builds: the page lists them with [`parts`], and a
//! worker (or a native test) builds one with [`spawn`] on its own device.

use super::decay::DecayPair;
use super::params::AdamParams;
use super::race::Race;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use crate::state::params::Params;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// Steps of the weight-decay comparison.
pub const DECAY_STEPS: u64 = 1500;

/// The optimiser race (`"race"`) and the Adam + L2 against AdamW comparison (`"decay"`), each
/// restarted only by the settings it uses. A course author who hides the comparison
/// (`hide=decay`) also saves its compute.
pub fn parts(p: &AdamParams) -> Vec<Part> {
    vec![
        Part::new("race", p.steps).depends_on(&(p.surface, p.start, p.hyper)),
        Part::new("decay", DECAY_STEPS).depends_on(&(p.hyper.weight_decay, p.seed)).scheduled(!p.hides("decay")),
    ]
}

/// Builds `part` from `p`.
pub fn spawn(part: &str, p: &AdamParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let device = device.clone();
    match part {
        "race" => {
            let (s, start, h) = (p.surface, p.start, p.hyper);
            Some(Rc::new(RefCell::new(Job::new(Box::new(move || Race::new(s, start, &h, &device)), budget))))
        }
        "decay" => {
            let (wd, seed) = (p.hyper.weight_decay, p.seed);
            Some(Rc::new(RefCell::new(Job::new(Box::new(move || DecayPair::new(wd, seed, &device)), budget))))
        }
        _ => None,
    }
}
