//! Panel 10's jobs: the run on the chosen mixture, restarted by the rule, steps and seed; and the
//! sweep, trained only when asked for, restarted by its own settings.

use super::params::MixingParams;
use super::run::MixRun;
use super::sweep::Sweep;
use crate::engine::data::domains::Domains;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use crate::state::params::Params;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// `"run"` and `"sweep"`.
pub fn parts(p: &MixingParams) -> Vec<Part> {
    let sweep = p.sweep_config();
    let budget = sweep.points.len() as u64 * sweep.steps;
    vec![
        Part::new("run", p.steps).depends_on(&p.run()),
        Part::new("sweep", budget).depends_on(&sweep).scheduled(p.sweep && !p.hides("sweep-results")),
    ]
}

/// Builds `part` from `p`.
pub fn spawn(part: &str, p: &MixingParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let device = device.clone();
    let job: JobHandle = match part {
        "run" => {
            let cfg = p.run();
            let domains = Rc::new(Domains::load());
            let factory = move || MixRun::new(cfg, domains.clone(), "", &device);
            Rc::new(RefCell::new(Job::new(Box::new(factory), budget)))
        }
        "sweep" => {
            let cfg = p.sweep_config();
            Rc::new(RefCell::new(Job::new(Box::new(move || Sweep::new(cfg.clone(), &device)), budget)))
        }
        _ => return None,
    };
    Some(job)
}
