//! Panel 02's jobs, built from its parameters on a given device: the view builds them on the
//! runtime's device, the registry-driven native tests on the CPU.

use super::experiment::BackpropExperiment;
use super::params::BackpropParams;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::state::query::{Query, UrlParams};
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// Builds the run from `p` (again on every reset).
pub fn factory(p: &BackpropParams, device: &Device) -> Box<dyn Fn() -> BackpropExperiment> {
    let (p, device) = (p.clone(), device.clone());
    Box::new(move || BackpropExperiment::new(&p, &device))
}

/// The panel's one job.
pub fn job(p: &BackpropParams, device: &Device) -> Rc<RefCell<Job<BackpropExperiment>>> {
    Rc::new(RefCell::new(Job::new(factory(p, device), p.steps)))
}

/// [`Panel::jobs`](crate::kit::Panel::jobs).
pub fn jobs(q: &Query, device: &Device) -> Vec<JobHandle> {
    vec![job(&BackpropParams::from_query(q, &mut Vec::new()), device)]
}
