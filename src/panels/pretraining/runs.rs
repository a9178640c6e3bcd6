//! Panel 08's job, as a description and as a build: one pre-training run (`"model"`), restarted
//! only by its own settings (the reader's prompt is read on the page and restarts nothing).

use super::experiment::Pretrain;
use super::params::PretrainParams;
use crate::engine::data::tokens::Tokens;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use crate::state::params::Params;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// The run; with the model hidden (`hide=model`) it never trains.
pub fn parts(p: &PretrainParams) -> Vec<Part> {
    vec![Part::new("model", p.run.steps).depends_on(&p.run).scheduled(!p.hides("model"))]
}

/// Builds `part` from `p`: the tokenizer is trained here, once per build, on the training text.
pub fn spawn(part: &str, p: &PretrainParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let (cfg, device) = (p.run, device.clone());
    (part == "model").then(|| {
        let data = Rc::new(Tokens::new(cfg.corpus.text(), cfg.vocab));
        let f = Box::new(move || Pretrain::new(data.clone(), cfg, &device));
        Rc::new(RefCell::new(Job::new(f, budget))) as JobHandle
    })
}
