//! Panel 02's jobs, built from its parameters on a given device: the view builds them on the
//! runtime's device, the registry-driven native tests on the CPU.

use super::experiment::BackpropExperiment;
use super::params::BackpropParams;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// The panel's one job.
pub type SharedJob = Rc<RefCell<Job<BackpropExperiment>>>;

/// Builds the run from `p` (again on every reset).
pub fn factory(p: &BackpropParams, device: &Device) -> Box<dyn Fn() -> BackpropExperiment> {
    let (p, device) = (p.clone(), device.clone());
    Box::new(move || BackpropExperiment::new(&p, &device))
}

/// The panel's one job.
pub fn job(p: &BackpropParams, device: &Device) -> SharedJob {
    Rc::new(RefCell::new(Job::new(factory(p, device), p.steps)))
}

/// The job, and the jobs to schedule.
pub fn build(p: &BackpropParams, device: &Device) -> (SharedJob, Vec<JobHandle>) {
    let j = job(p, device);
    (j.clone(), vec![j])
}

/// Every change restarts the run from the new settings.
pub fn rebuild(j: &SharedJob, _old: &BackpropParams, p: &BackpropParams, device: &Device, play: bool) {
    j.borrow_mut().reconfigure(factory(p, device), p.steps, play);
}
