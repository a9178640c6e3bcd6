//! Panel 01's jobs, built from its parameters on a given device: the view builds them on the
//! runtime's device, the registry-driven native tests on the CPU.

use super::experiment::CharLm;
use super::params::XentParams;
use crate::engine::data::text::Corpus;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::state::params::Params;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// The character model's job, and the text it trains on.
pub type Lm = (Rc<RefCell<Job<CharLm>>>, Rc<Corpus>);

/// Builds the character model from `p`, on `corpus`.
pub fn lm_factory(p: &XentParams, corpus: &Rc<Corpus>, device: &Device) -> Box<dyn Fn() -> CharLm> {
    let (cfg, corpus, device) = (p.lm(), corpus.clone(), device.clone());
    Box::new(move || CharLm::new(corpus.clone(), cfg, &device))
}

/// The model's job on *Moby-Dick*, and whether it is scheduled: with the model hidden
/// (`hide=model`, an embed of the single prediction alone) it never trains.
pub fn build(p: &XentParams, device: &Device) -> (Lm, Vec<JobHandle>) {
    let corpus = Rc::new(Corpus::moby_dick());
    let job = Rc::new(RefCell::new(Job::new(lm_factory(p, &corpus, device), p.steps)));
    let scheduled = if p.hides("model") { Vec::new() } else { vec![job.clone() as JobHandle] };
    ((job, corpus), scheduled)
}

/// The model restarts when its own settings change; the single prediction's do not touch it.
pub fn rebuild((job, corpus): &Lm, old: &XentParams, p: &XentParams, device: &Device, play: bool) {
    if (p.lm(), p.steps) != (old.lm(), old.steps) {
        job.borrow_mut().reconfigure(lm_factory(p, corpus, device), p.steps, play);
    }
}
