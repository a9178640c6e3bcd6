//! Panel 07's one job: the deep MLP, with every strategy measured at each step.

use super::params::CheckpointParams;
use super::run::CheckpointRun;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// The run (`"run"`).
pub fn parts(p: &CheckpointParams) -> Vec<Part> {
    vec![Part::new("run", p.steps).depends_on(&p.config())]
}

/// Builds `part` from `p` on `device`.
pub fn spawn(part: &str, p: &CheckpointParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let (cfg, device) = (p.config(), device.clone());
    (part == "run").then(|| -> JobHandle {
        Rc::new(RefCell::new(Job::new(Box::new(move || CheckpointRun::new(cfg, &device)), budget)))
    })
}
