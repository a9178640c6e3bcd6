//! Panel 03's jobs, built from its parameters on a given device: the view builds them on the
//! runtime's device, the registry-driven native tests on the CPU.

use super::decay::DecayPair;
use super::params::AdamParams;
use super::race::Race;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::state::query::{Query, UrlParams};
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// Steps of the weight-decay comparison.
pub const DECAY_STEPS: u64 = 1500;

/// Builds the optimiser race from `p`.
pub fn race_factory(p: &AdamParams, device: &Device) -> Box<dyn Fn() -> Race> {
    let (s, start, h, device) = (p.surface, p.start, p.hyper, device.clone());
    Box::new(move || Race::new(s, start, &h, &device))
}

/// Builds the Adam + L2 against AdamW comparison from `p`.
pub fn decay_factory(p: &AdamParams, device: &Device) -> Box<dyn Fn() -> DecayPair> {
    let (wd, seed, device) = (p.hyper.weight_decay, p.seed, device.clone());
    Box::new(move || DecayPair::new(wd, seed, &device))
}

/// The race and the decay comparison, and which of them are scheduled: a course author who hides
/// the comparison (`hide=decay`) also saves its compute.
#[allow(clippy::type_complexity)]
pub fn build(p: &AdamParams, device: &Device) -> (Rc<RefCell<Job<Race>>>, Rc<RefCell<Job<DecayPair>>>, Vec<JobHandle>) {
    let race = Rc::new(RefCell::new(Job::new(race_factory(p, device), p.steps)));
    let decay = Rc::new(RefCell::new(Job::new(decay_factory(p, device), DECAY_STEPS)));
    let mut scheduled = vec![race.clone() as JobHandle];
    if !p.hide.iter().any(|h| h == "decay") {
        scheduled.push(decay.clone());
    }
    (race, decay, scheduled)
}

/// [`Panel::jobs`](crate::kit::Panel::jobs).
pub fn jobs(q: &Query, device: &Device) -> Vec<JobHandle> {
    build(&AdamParams::from_query(q, &mut Vec::new()), device).2
}
