//! Panel 15's jobs, built from its parameters on a given device: the view builds them on the
//! runtime's device, the registry-driven native tests on the CPU.

use super::gmm::MixtureCollapse;
use super::params::CollapseParams;
use super::text::TextCollapse;
use crate::engine::data::text::Corpus;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::state::query::{Query, UrlParams};
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

/// Both runs, and which are scheduled: with the text view hidden (`hide=text`) its run never trains.
#[allow(clippy::type_complexity)]
pub fn build(
    p: &CollapseParams,
    corpus: &Rc<Corpus>,
    device: &Device,
) -> (Rc<RefCell<Job<MixtureCollapse>>>, Rc<RefCell<Job<TextCollapse>>>, Vec<JobHandle>) {
    let (f, budget) = mixture_factory(p, device);
    let mix = Rc::new(RefCell::new(Job::new(f, budget)));
    let (f, budget) = text_factory(p, corpus, device);
    let text = Rc::new(RefCell::new(Job::new(f, budget)));
    let mut scheduled = vec![mix.clone() as JobHandle];
    if !p.hide.iter().any(|h| h == "text") {
        scheduled.push(text.clone());
    }
    (mix, text, scheduled)
}

/// [`Panel::jobs`](crate::kit::Panel::jobs).
pub fn jobs(q: &Query, device: &Device) -> Vec<JobHandle> {
    build(&CollapseParams::from_query(q, &mut Vec::new()), &Rc::new(Corpus::moby_dick()), device).2
}
