//! Panel 09's jobs: the pipeline (crawl, stage facts, classifier), restarted by the crawl and
//! MinHash settings only (the stages' toggles and the threshold are applied on the page); and the
//! two language models, raw and curated, the curated one restarted by any stage setting.

use super::classifier::STEPS as CLASSIFIER_STEPS;
use super::lm::{CrawlLm, Which};
use super::params::CurationParams;
use super::pipeline::PipelineRun;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use crate::state::params::Params;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// `"pipeline"`, `"raw"` and `"curated"`; hiding the payoff trains neither language model.
pub fn parts(p: &CurationParams) -> Vec<Part> {
    let lms = !p.hides("payoff");
    vec![
        Part::new("pipeline", CLASSIFIER_STEPS).depends_on(&(p.noise, p.lsh(), p.seed)),
        Part::new("raw", p.steps).depends_on(&p.lm(Which::Raw)).scheduled(lms),
        Part::new("curated", p.steps).depends_on(&p.lm(Which::Curated(p.stages()))).scheduled(lms),
    ]
}

/// Builds `part` from `p`.
pub fn spawn(part: &str, p: &CurationParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let device = device.clone();
    let (noise, lsh, seed) = (p.noise, p.lsh(), p.seed);
    let job: JobHandle = match part {
        "pipeline" => Rc::new(RefCell::new(Job::new(Box::new(move || PipelineRun::new(noise, lsh, seed)), budget))),
        "raw" | "curated" => {
            let cfg = p.lm(if part == "raw" { Which::Raw } else { Which::Curated(p.stages()) });
            Rc::new(RefCell::new(Job::new(Box::new(move || CrawlLm::new(cfg, &device)), budget)))
        }
        _ => return None,
    };
    Some(job)
}
