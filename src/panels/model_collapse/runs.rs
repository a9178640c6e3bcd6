//! Panel 15's jobs, built from its parameters on a given device: the view builds them on the
//! runtime's device, the registry-driven native tests on the CPU.

use super::gmm::MixtureCollapse;
use super::params::CollapseParams;
use super::text::TextCollapse;
use crate::engine::data::text::Corpus;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::state::params::Params;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// The mixture run's factory and step budget, from `p`.
pub fn mixture_factory(p: &CollapseParams, device: &Device) -> (Box<dyn Fn() -> MixtureCollapse>, u64) {
    let (cfg, device) = (p.mixture(), device.clone());
    (Box::new(move || MixtureCollapse::new(cfg, &device)), MixtureCollapse::budget(&cfg))
}

/// The text run's factory and step budget, from `p`, on `corpus`.
pub fn text_factory(p: &CollapseParams, corpus: &Rc<Corpus>, device: &Device) -> (Box<dyn Fn() -> TextCollapse>, u64) {
    let (cfg, device, corpus) = (p.text(), device.clone(), corpus.clone());
    (Box::new(move || TextCollapse::new(corpus.clone(), cfg, &device)), TextCollapse::budget(&cfg))
}

/// The mixture run's job.
pub type MixJob = Rc<RefCell<Job<MixtureCollapse>>>;
/// The text run's job.
pub type TextJob = Rc<RefCell<Job<TextCollapse>>>;
/// Both jobs, and the real text the text run starts from.
pub type Runs = (MixJob, TextJob, Rc<Corpus>);

/// Both runs, and which are scheduled: with the text view hidden (`hide=text`) its run never trains.
pub fn build(p: &CollapseParams, device: &Device) -> (Runs, Vec<JobHandle>) {
    let corpus = Rc::new(Corpus::moby_dick());
    let (f, budget) = mixture_factory(p, device);
    let mix = Rc::new(RefCell::new(Job::new(f, budget)));
    let (f, budget) = text_factory(p, &corpus, device);
    let text = Rc::new(RefCell::new(Job::new(f, budget)));
    let mut scheduled = vec![mix.clone() as JobHandle];
    if !p.hides("text") {
        scheduled.push(text.clone());
    }
    ((mix, text, corpus), scheduled)
}

/// Every change restarts both runs (the shared settings feed both).
pub fn rebuild((mix, text, corpus): &Runs, _old: &CollapseParams, p: &CollapseParams, device: &Device, play: bool) {
    let (f, budget) = mixture_factory(p, device);
    mix.borrow_mut().reconfigure(f, budget, play);
    let (f, budget) = text_factory(p, corpus, device);
    text.borrow_mut().reconfigure(f, budget, play && !p.hides("text"));
}
