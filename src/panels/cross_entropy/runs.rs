//! Panel 01's job, as a description and as a build: the page lists it with [`parts`], and a
//! worker (or a native test) builds it with [`spawn`] on its own device.

use super::experiment::CharLm;
use super::params::XentParams;
use crate::engine::data::text::Corpus;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use crate::state::params::Params;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// The character model on *Moby-Dick* (`"model"`), restarted only by its own settings (the single
/// prediction's do not touch it); with the model hidden (`hide=model`, an embed of the single
/// prediction alone) it never trains.
pub fn parts(p: &XentParams) -> Vec<Part> {
    vec![Part::new("model", p.steps).depends_on(&p.lm()).scheduled(!p.hides("model"))]
}

/// Builds `part` from `p`.
pub fn spawn(part: &str, p: &XentParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let (cfg, device) = (p.lm(), device.clone());
    let corpus = Rc::new(Corpus::moby_dick());
    (part == "model").then(|| {
        let f = Box::new(move || CharLm::new(corpus.clone(), cfg, &device));
        Rc::new(RefCell::new(Job::new(f, budget))) as JobHandle
    })
}
