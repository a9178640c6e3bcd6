//! Panel 14's jobs, built from its parameters on a given device: the view builds them on the
//! runtime's device, the registry-driven native tests on the CPU.

use super::experiment::Grok;
use super::params::GrokParams;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// The panel's one job (the λ = 0 comparison trains inside it).
pub type SharedJob = Rc<RefCell<Job<Grok>>>;

/// Builds the run (and its λ = 0 comparison) from `p`.
pub fn factory(p: &GrokParams, device: &Device) -> Box<dyn Fn() -> Grok> {
    let (cfg, device) = (p.config(), device.clone());
    Box::new(move || Grok::new(cfg, &device))
}

/// The job, and the jobs to schedule.
pub fn build(p: &GrokParams, device: &Device) -> (SharedJob, Vec<JobHandle>) {
    let j = Rc::new(RefCell::new(Job::new(factory(p, device), p.steps)));
    (j.clone(), vec![j])
}

/// Every change restarts the run from the new settings.
pub fn rebuild(j: &SharedJob, _old: &GrokParams, p: &GrokParams, device: &Device, play: bool) {
    j.borrow_mut().reconfigure(factory(p, device), p.steps, play);
}
