//! Panel 02's one job, as a description and as a build: the page lists it with [`parts`], and a
//! worker (or a native test) builds it with [`spawn`] on its own device.

use super::experiment::BackpropExperiment;
use super::params::BackpropParams;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// One run, `"main"`; every change restarts it.
pub fn parts(p: &BackpropParams) -> Vec<Part> {
    vec![Part::new("main", p.steps)]
}

/// Builds `part` from `p`.
pub fn spawn(part: &str, p: &BackpropParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let (p, device) = (p.clone(), device.clone());
    (part == "main").then(|| {
        let f = Box::new(move || BackpropExperiment::new(&p, &device));
        Rc::new(RefCell::new(Job::new(f, budget))) as JobHandle
    })
}
