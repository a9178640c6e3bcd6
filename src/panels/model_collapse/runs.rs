//! Panel 15's jobs, as descriptions and as builds: the page lists them with [`parts`], and a
//! worker (or a native test) builds one with [`spawn`] on its own device.

use super::gmm::MixtureCollapse;
use super::params::CollapseParams;
use super::text::TextCollapse;
use crate::engine::data::text::Corpus;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use crate::state::params::Params;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// The mixture run (`"mixture"`) and the text run (`"text"`); every change restarts both (the
/// shared settings feed both). With the text view hidden (`hide=text`) its run never trains.
pub fn parts(p: &CollapseParams) -> Vec<Part> {
    vec![
        Part::new("mixture", MixtureCollapse::budget(&p.mixture())),
        Part::new("text", TextCollapse::budget(&p.text())).scheduled(!p.hides("text")),
    ]
}

/// Builds `part` from `p`.
pub fn spawn(part: &str, p: &CollapseParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let device = device.clone();
    match part {
        "mixture" => {
            let cfg = p.mixture();
            Some(Rc::new(RefCell::new(Job::new(Box::new(move || MixtureCollapse::new(cfg, &device)), budget))))
        }
        "text" => {
            let (cfg, corpus) = (p.text(), Rc::new(Corpus::moby_dick()));
            let f = Box::new(move || TextCollapse::new(corpus.clone(), cfg, &device));
            Some(Rc::new(RefCell::new(Job::new(f, budget))))
        }
        _ => None,
    }
}
