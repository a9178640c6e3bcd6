//! Panel 17's jobs: the loop with the verifier (`"filtered"`) and without it (`"unfiltered"`);
//! with the contrast hidden (`hide=unfiltered`) only the first trains.

use super::params::StarParams;
use super::run::{Star, StarRun};
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use crate::state::params::Params;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// Both loops; the budget is every round's steps.
pub fn parts(p: &StarParams) -> Vec<Part> {
    let budget = (p.rounds + 1) * p.steps;
    vec![
        Part::new("filtered", budget).depends_on(&p.settings(true)),
        Part::new("unfiltered", budget).depends_on(&p.settings(false)).scheduled(!p.hides("unfiltered")),
    ]
}

/// Builds `part` from `p`.
pub fn spawn(part: &str, p: &StarParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let s = p.settings(match part {
        "filtered" => true,
        "unfiltered" => false,
        _ => return None,
    });
    let device = device.clone();
    Some(Rc::new(RefCell::new(Job::new(Box::new(move || StarRun::drive(Star::new(s, &device))), budget))))
}
