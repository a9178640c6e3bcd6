//! Panel 07's one job: the deep MLP, with every strategy measured at each step. It trains on the
//! CPU backend (Burn flex) whatever the page's backend: there an operation's time is spent when it
//! is called, so a strategy's forward and backward pass can be timed without a readback; WebGPU
//! queues work and would need one per strategy, which would time the readback instead.

use super::params::CheckpointParams;
use super::run::CheckpointRun;
use crate::engine::backend::cpu_device;
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

/// Builds `part` from `p`, on the CPU (the device the host offers is not used; see above).
pub fn spawn(part: &str, p: &CheckpointParams, budget: u64, _device: &Device) -> Option<JobHandle> {
    let (cfg, device) = (p.config(), cpu_device());
    (part == "run").then(|| -> JobHandle {
        Rc::new(RefCell::new(Job::new(Box::new(move || CheckpointRun::new(cfg, &device)), budget)))
    })
}
