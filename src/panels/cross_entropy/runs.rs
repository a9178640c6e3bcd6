//! Panel 01's jobs, built from its parameters on a given device: the view builds them on the
//! runtime's device, the registry-driven native tests on the CPU.

use super::experiment::CharLm;
use super::params::XentParams;
use crate::engine::data::text::Corpus;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::state::query::{Query, UrlParams};
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// Builds the character model from `p`, on `corpus`.
pub fn lm_factory(p: &XentParams, corpus: &Rc<Corpus>, device: &Device) -> Box<dyn Fn() -> CharLm> {
    let (cfg, corpus, device) = (p.lm(), corpus.clone(), device.clone());
    Box::new(move || CharLm::new(corpus.clone(), cfg, &device))
}

/// The model's job, and whether it is scheduled: with the model hidden (`hide=model`, an embed of
/// the single prediction alone) it never trains.
pub fn build(p: &XentParams, corpus: &Rc<Corpus>, device: &Device) -> (Rc<RefCell<Job<CharLm>>>, Vec<JobHandle>) {
    let job = Rc::new(RefCell::new(Job::new(lm_factory(p, corpus, device), p.steps)));
    let shown = !p.hide.iter().any(|h| h == "model");
    let scheduled = if shown { vec![job.clone() as JobHandle] } else { Vec::new() };
    (job, scheduled)
}

/// [`Panel::jobs`](crate::kit::Panel::jobs).
pub fn jobs(q: &Query, device: &Device) -> Vec<JobHandle> {
    build(&XentParams::from_query(q, &mut Vec::new()), &Rc::new(Corpus::moby_dick()), device).1
}
