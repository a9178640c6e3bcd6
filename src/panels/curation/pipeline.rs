//! Panel 09's first job: assembles the crawl, computes what every stage decides about every
//! document ([`facts`]), and trains the quality classifier on the engine, step by step. Its view
//! state is all the page needs to draw the funnel for any choice of stages and threshold: the
//! facts, the S-curve's measured bins, the largest near-duplicate clusters with their texts, and
//! the classifier's scores once trained.

use super::classifier::ClassifierRun;
use super::facts::{facts, Fact, Lsh, PairBin};
use crate::engine::backend::cpu_device;
use crate::engine::data::curation::crawl::Crawl;
use crate::engine::job::{Experiment, StepOutput};
use crate::engine::view::Frame;
use burn::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Clusters sent to the page, largest first.
pub const CLUSTERS_SHOWN: usize = 12;
/// Characters of each clustered document sent to the page.
pub const EXCERPT: usize = 320;

/// What the page draws.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CurationView {
    /// Every document's facts, in crawl order.
    pub facts: Vec<Fact>,
    /// Pairs by exact Jaccard similarity, and how many LSH found.
    pub bins: Vec<PairBin>,
    /// The largest clusters of two or more: each member's index and the start of its text.
    pub clusters: Vec<Vec<(usize, String)>>,
    /// The classifier's scores, once trained.
    pub scores: Option<Vec<f32>>,
}

/// The crawl's clusters of two or more, largest first, with excerpts.
fn clustered(crawl: &Crawl, facts: &[Fact]) -> Vec<Vec<(usize, String)>> {
    let mut by: HashMap<usize, Vec<usize>> = HashMap::new();
    facts.iter().enumerate().for_each(|(i, f)| by.entry(f.cluster).or_default().push(i));
    let mut groups: Vec<Vec<usize>> = by.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    let excerpt = |i: usize| crawl.docs[i].text.chars().take(EXCERPT).collect::<String>();
    groups.into_iter().take(CLUSTERS_SHOWN).map(|g| g.into_iter().map(|i| (i, excerpt(i))).collect()).collect()
}

/// The job.
pub struct PipelineRun {
    classifier: ClassifierRun,
    state: CurationView,
    fresh: bool,
}

impl PipelineRun {
    /// The crawl at `noise` and `seed`, its facts under `lsh`, and a classifier to train.
    pub fn new(noise: f64, lsh: Lsh, seed: u64) -> Self {
        let crawl = Crawl::build(noise, seed);
        let (facts, bins) = facts(&crawl, lsh, seed);
        let clusters = clustered(&crawl, &facts);
        let reference: Vec<&str> = crawl.reference.iter().map(String::as_str).collect();
        let docs: Vec<&str> = crawl.docs.iter().map(|d| d.text.as_str()).collect();
        Self {
            // On the CPU whatever the page's backend, so that its scores match the curated run's.
            classifier: ClassifierRun::new(&reference, &docs, &cpu_device()),
            state: CurationView { facts, bins, clusters, scores: None },
            fresh: true,
        }
    }
}

impl Experiment for PipelineRun {
    fn metric_names(&self) -> Vec<String> {
        self.classifier.metric_names()
    }
    fn train_step(&mut self, step: u64, inspect: bool) -> StepOutput {
        self.classifier.train_step(step, inspect)
    }
    fn waiting(&self) -> bool {
        self.classifier.waiting()
    }
    fn snapshot(&mut self) -> Vec<Tensor<1>> {
        self.classifier.snapshot()
    }
    fn absorb(&mut self, extra: Vec<Vec<f32>>, snapshot: Vec<Vec<f32>>) {
        self.classifier.absorb(extra, snapshot);
        if self.classifier.scores.is_some() {
            self.state.scores.clone_from(&self.classifier.scores);
            self.fresh = true;
        }
    }
    /// A [`CurationView`].
    fn view(&mut self) -> Option<Frame> {
        std::mem::take(&mut self.fresh).then(|| Frame::encode(&self.state))
    }
}
