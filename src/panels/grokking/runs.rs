//! Panel 14's jobs, built from its parameters on a given device: the view builds them on the
//! runtime's device, the registry-driven native tests on the CPU.

use super::experiment::Grok;
use super::params::GrokParams;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::state::query::{Query, UrlParams};
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// Builds the run (and its λ = 0 comparison) from `p`.
pub fn factory(p: &GrokParams, device: &Device) -> Box<dyn Fn() -> Grok> {
    let (cfg, device) = (p.config(), device.clone());
    Box::new(move || Grok::new(cfg, &device))
}

/// The panel's one job.
pub fn job(p: &GrokParams, device: &Device) -> Rc<RefCell<Job<Grok>>> {
    Rc::new(RefCell::new(Job::new(factory(p, device), p.steps)))
}

/// [`Panel::jobs`](crate::kit::Panel::jobs).
pub fn jobs(q: &Query, device: &Device) -> Vec<JobHandle> {
    vec![job(&GrokParams::from_query(q, &mut Vec::new()), device)]
}
