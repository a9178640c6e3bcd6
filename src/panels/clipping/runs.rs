//! Panel 05's jobs, as descriptions and as builds: the page lists them with [`parts`], and a
//! worker (or a native test) builds one with [`spawn`] on its own device.

use super::accum::AccumPair;
use super::params::ClipParams;
use super::spiky::SpikyPair;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use crate::state::params::Params;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// The clipping pair (`"clipping"`) and the accumulation pair (`"accumulation"`), each restarted
/// only by its own settings; a part hidden with `hide=` does not train.
pub fn parts(p: &ClipParams) -> Vec<Part> {
    vec![
        Part::new("clipping", p.steps).depends_on(&p.spiky()).scheduled(!p.hides("clipping")),
        Part::new("accumulation", p.accum_steps).depends_on(&p.accum()).scheduled(!p.hides("accumulation")),
    ]
}

/// Builds `part` from `p`.
pub fn spawn(part: &str, p: &ClipParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let device = device.clone();
    match part {
        "clipping" => {
            let cfg = p.spiky();
            Some(Rc::new(RefCell::new(Job::new(Box::new(move || SpikyPair::new(cfg, &device)), budget))))
        }
        "accumulation" => {
            let cfg = p.accum();
            Some(Rc::new(RefCell::new(Job::new(Box::new(move || AccumPair::new(cfg, &device)), budget))))
        }
        _ => None,
    }
}
