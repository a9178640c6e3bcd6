//! Panel 11's jobs: one per ordering (`"random"`, `"easy_to_hard"`, `"hard_to_easy"`,
//! `"self_paced"`), each training three seeds; the random baseline ignores the pacing, so a new
//! pacing function leaves it running.

use super::pacing::Ordering;
use super::params::CurriculumParams;
use super::race::Race;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// The four orderings.
pub fn parts(p: &CurriculumParams) -> Vec<Part> {
    Ordering::ALL
        .iter()
        .map(|&o| {
            let mut cfg = p.race(o);
            if o == Ordering::Random {
                cfg.pacing = super::pacing::Pacing::Linear;
                cfg.ramp = 0;
            }
            Part::new(o.key(), p.steps).depends_on(&cfg)
        })
        .collect()
}

/// Builds the ordering `part` from `p`.
pub fn spawn(part: &str, p: &CurriculumParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let o = Ordering::ALL.into_iter().find(|o| o.key() == part)?;
    let (cfg, device) = (p.race(o), device.clone());
    Some(Rc::new(RefCell::new(Job::new(Box::new(move || Race::new(cfg, &device)), budget))))
}
