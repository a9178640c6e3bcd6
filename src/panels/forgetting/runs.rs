//! Panel 16's jobs: the visual pair (`"visual"`) and the language pair (`"language"`), each one
//! run of both phases with every method's branch. With the language pair hidden
//! (`hide=language`) its run never trains.

use super::pair::{Language, Visual};
use super::params::ForgetParams;
use super::run::{Forgetting, ForgettingRun};
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use crate::state::params::Params;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// Both pairs; each restarts only when its own settings change.
pub fn parts(p: &ForgetParams) -> Vec<Part> {
    let (v, l) = (p.visual(), p.language());
    vec![
        Part::new("visual", v.steps.0 + v.steps.1).depends_on(&v).scheduled(!p.hides("visual")),
        Part::new("language", l.steps.0 + l.steps.1).depends_on(&l).scheduled(!p.hides("language")),
    ]
}

/// Builds `part` from `p`.
pub fn spawn(part: &str, p: &ForgetParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let device = device.clone();
    match part {
        "visual" => {
            let s = p.visual();
            let f = move || ForgettingRun::drive(Forgetting::new(Visual::new(s.seed, &device), s));
            Some(Rc::new(RefCell::new(Job::new(Box::new(f), budget))))
        }
        "language" => {
            let s = p.language();
            let f = move || ForgettingRun::drive(Forgetting::new(Language::new(&device), s));
            Some(Rc::new(RefCell::new(Job::new(Box::new(f), budget))))
        }
        _ => None,
    }
}
