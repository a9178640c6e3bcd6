//! Panel 14's one job (the λ = 0 comparison trains inside it), as a description and as a build:
//! the page lists it with [`parts`], and a worker (or a native test) builds it with [`spawn`].

use super::experiment::Grok;
use super::params::GrokParams;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// One run, `"main"`; every change restarts it.
pub fn parts(p: &GrokParams) -> Vec<Part> {
    vec![Part::new("main", p.steps)]
}

/// Builds `part` from `p`.
pub fn spawn(part: &str, p: &GrokParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let (cfg, device) = (p.config(), device.clone());
    (part == "main")
        .then(|| Rc::new(RefCell::new(Job::new(Box::new(move || Grok::new(cfg, &device)), budget))) as JobHandle)
}
