//! Panel 13's jobs: one per model size (`"size_0"` … `"size_7"`), so that the pool spreads the
//! family over its workers; the metric and the axis shown restart nothing.

use super::params::{EmergenceParams, MAX_SIZES};
use super::run::SizeRun;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// The sizes' part names.
pub const NAMES: [&str; MAX_SIZES] = ["size_0", "size_1", "size_2", "size_3", "size_4", "size_5", "size_6", "size_7"];

/// One part per size the family has.
pub fn parts(p: &EmergenceParams) -> Vec<Part> {
    NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let cfg = p.size(i);
            Part::new(name, p.steps).depends_on(&cfg).scheduled(cfg.is_some())
        })
        .collect()
}

/// Builds the size `part` from `p`.
pub fn spawn(part: &str, p: &EmergenceParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let cfg = p.size(NAMES.iter().position(|n| *n == part)?)?;
    let device = device.clone();
    Some(Rc::new(RefCell::new(Job::new(Box::new(move || SizeRun::new(cfg, &device)), budget))))
}
