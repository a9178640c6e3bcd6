//! Panel 14's jobs, as descriptions and as builds: the page lists them with [`parts`], and a
//! worker (or a native test) builds one with [`spawn`] on its own device. The λ = 0 comparison is a
//! job of its own, so that a second worker can train it beside the main run.

use super::experiment::Grok;
use super::params::GrokParams;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// The run at the chosen λ (`"main"`) and, when comparing at λ > 0, the same model at λ = 0
/// (`"nodecay"`); every change restarts both.
pub fn parts(p: &GrokParams) -> Vec<Part> {
    vec![Part::new("main", p.steps), Part::new("nodecay", p.steps).scheduled(p.compare && p.wd > 0.0)]
}

/// Builds `part` from `p`.
pub fn spawn(part: &str, p: &GrokParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let cfg = GrokParams { compare: false, ..p.clone() }.config();
    let device = device.clone();
    let job = |f: Box<dyn Fn() -> Grok>| Rc::new(RefCell::new(Job::new(f, budget))) as JobHandle;
    match part {
        "main" => Some(job(Box::new(move || Grok::new(cfg, &device)))),
        "nodecay" => Some(job(Box::new(move || Grok::nodecay(cfg, &device)))),
        _ => None,
    }
}
