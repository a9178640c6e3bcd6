//! Panel 03's jobs, built from its parameters on a given device: the view builds them on the
//! runtime's device, the registry-driven native tests on the CPU.

use super::decay::DecayPair;
use super::params::AdamParams;
use super::race::Race;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::state::params::Params;
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

/// The race's job.
pub type RaceJob = Rc<RefCell<Job<Race>>>;
/// The decay comparison's job.
pub type DecayJob = Rc<RefCell<Job<DecayPair>>>;

/// The race and the decay comparison, and which of them are scheduled: a course author who hides
/// the comparison (`hide=decay`) also saves its compute.
pub fn build(p: &AdamParams, device: &Device) -> ((RaceJob, DecayJob), Vec<JobHandle>) {
    let race = Rc::new(RefCell::new(Job::new(race_factory(p, device), p.steps)));
    let decay = Rc::new(RefCell::new(Job::new(decay_factory(p, device), DECAY_STEPS)));
    let mut scheduled = vec![race.clone() as JobHandle];
    if !p.hides("decay") {
        scheduled.push(decay.clone());
    }
    ((race, decay), scheduled)
}

/// A change restarts only the runs it affects.
pub fn rebuild((race, decay): &(RaceJob, DecayJob), old: &AdamParams, p: &AdamParams, device: &Device, play: bool) {
    if (p.surface, p.start, p.hyper, p.steps) != (old.surface, old.start, old.hyper, old.steps) {
        race.borrow_mut().reconfigure(race_factory(p, device), p.steps, play);
    }
    if (p.hyper.weight_decay, p.seed) != (old.hyper.weight_decay, old.seed) {
        decay.borrow_mut().reconfigure(decay_factory(p, device), DECAY_STEPS, play);
    }
}
