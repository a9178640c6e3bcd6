//! Panel 12's jobs: the grid's runs dealt to four lanes (`"lane_0"` … `"lane_3"`), one job each,
//! so that the pool spreads them over its workers; a lane restarts only when its own runs change.

use super::grid::LANES;
use super::lane::Lane;
use super::params::ScalingParams;
use crate::engine::data::text::Corpus;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// The lanes' part names.
pub const NAMES: [&str; LANES] = ["lane_0", "lane_1", "lane_2", "lane_3"];

/// One part per lane; a lane without runs is not scheduled.
pub fn parts(p: &ScalingParams) -> Vec<Part> {
    p.lanes()
        .into_iter()
        .zip(NAMES)
        .map(|(cfg, name)| Part::new(name, Lane::budget(&cfg)).depends_on(&cfg).scheduled(!cfg.runs.is_empty()))
        .collect()
}

/// Builds the lane `part` from `p`.
pub fn spawn(part: &str, p: &ScalingParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let i = NAMES.iter().position(|n| *n == part)?;
    let (cfg, device) = (p.lanes().into_iter().nth(i)?, device.clone());
    let corpus = Rc::new(Corpus::moby_dick());
    Some(Rc::new(RefCell::new(Job::new(Box::new(move || Lane::new(cfg.clone(), corpus.clone(), &device)), budget))))
}
