//! The registry of all 17 concepts, in course order, and one module per built panel.
//!
//! The registry drives the gallery, the `/concepts/<slug>` and `/embed/<slug>` routes, the
//! previous/next links, `window.trainlab.registry()`, and every registry-driven test. Adding a
//! panel means its module (which exports a [`Panel`] descriptor, `PANEL`) and one
//! `Some(&module::PANEL)` here. Slugs are fixed forever: course pages link to them.

pub mod adam;
pub mod backprop;
pub mod checkpointing;
pub mod clipping;
pub mod cross_entropy;
pub mod curation;
pub mod curriculum;
pub mod data_mixing;
pub mod emergence;
pub mod forgetting;
pub mod grokking;
pub mod lr_schedules;
pub mod model_collapse;
pub mod precision;
pub mod pretraining;
pub mod scaling_laws;
pub mod star;

use crate::engine::scheduler::JobHandle;
use crate::engine::spec::JobSpec;
use crate::kit::Panel;
use burn::tensor::Device;

/// Builds the job a description names, through the registry: the [`Spawn`](crate::engine::spec::Spawn)
/// that the app hands to every host of jobs (a Web Worker, or the page).
pub fn spawn(spec: &JobSpec, device: &Device) -> Result<JobHandle, String> {
    let panel = find(&spec.panel).and_then(|c| c.panel);
    let panel = panel.ok_or_else(|| format!("there is no built panel called “{}”", spec.panel))?;
    (panel.spawn)(spec, device)
}

/// One concept of the course.
#[derive(Clone, Copy)]
pub struct Concept {
    /// Position in the course, 1–17.
    pub number: u8,
    /// URL slug (fixed).
    pub slug: &'static str,
    /// Title.
    pub title: &'static str,
    /// One line on what it teaches.
    pub summary: &'static str,
    /// The panel, once built: its module's descriptor.
    pub panel: Option<&'static Panel>,
}

/// All 17 concepts in order.
pub const REGISTRY: [Concept; 17] = [
    c(
        1,
        "cross-entropy",
        "Cross-entropy loss",
        "How surprised the model is by the right answer, measured in nats.",
        Some(&cross_entropy::PANEL),
    ),
    c(
        2,
        "backprop-gradient-descent",
        "Backpropagation and gradient descent",
        "The chain rule carries blame backwards; each weight steps downhill.",
        Some(&backprop::PANEL),
    ),
    c(
        3,
        "adam-adamw",
        "Adam and AdamW",
        "Per-parameter step sizes from running gradient moments, and decay done right.",
        Some(&adam::PANEL),
    ),
    c(
        4,
        "lr-schedules",
        "Learning-rate schedules",
        "Warm up, hold, decay: how the step size should change over a run.",
        Some(&lr_schedules::PANEL),
    ),
    c(
        5,
        "clipping-accumulation",
        "Gradient clipping and accumulation",
        "Taming gradient spikes, and a big batch's step from small ones.",
        Some(&clipping::PANEL),
    ),
    c(
        6,
        "mixed-precision",
        "Mixed precision",
        "Fewer bits per number, and what it takes to keep training stable.",
        Some(&precision::PANEL),
    ),
    c(
        7,
        "gradient-checkpointing",
        "Gradient checkpointing",
        "Trading recomputation for memory on the backward pass.",
        Some(&checkpointing::PANEL),
    ),
    c(
        8,
        "pretraining",
        "Pre-training",
        "Next-token prediction on raw text, from noise to grammar.",
        Some(&pretraining::PANEL),
    ),
    c(
        9,
        "data-curation",
        "Training-data curation",
        "Filtering and deduplication: better data beats more data.",
        Some(&curation::PANEL),
    ),
    c(
        10,
        "data-mixing",
        "Data mixing",
        "How the blend of sources shapes what a model becomes good at.",
        Some(&data_mixing::PANEL),
    ),
    c(
        11,
        "curriculum-learning",
        "Curriculum learning",
        "Whether easy-to-hard ordering helps a model learn.",
        Some(&curriculum::PANEL),
    ),
    c(
        12,
        "scaling-laws",
        "Scaling laws",
        "Loss falls as a power law in parameters, data and compute.",
        Some(&scaling_laws::PANEL),
    ),
    c(
        13,
        "emergent-abilities",
        "Emergent abilities",
        "Skills that seem to appear suddenly, and how the metric shapes that story.",
        Some(&emergence::PANEL),
    ),
    c(
        14,
        "grokking",
        "Grokking",
        "Memorise first, generalise much later, once weight decay has its way.",
        Some(&grokking::PANEL),
    ),
    c(
        15,
        "model-collapse",
        "Model collapse",
        "Training on your own samples, generation after generation, loses the tails.",
        Some(&model_collapse::PANEL),
    ),
    c(
        16,
        "catastrophic-forgetting",
        "Catastrophic forgetting",
        "Learning task B overwrites task A, unless something protects it.",
        Some(&forgetting::PANEL),
    ),
    c(
        17,
        "self-improvement",
        "Self-improvement",
        "A model filtering and learning from its own outputs: when it helps, when it stalls.",
        Some(&star::PANEL),
    ),
];

const fn c(
    number: u8,
    slug: &'static str,
    title: &'static str,
    summary: &'static str,
    panel: Option<&'static Panel>,
) -> Concept {
    Concept { number, slug, title, summary, panel }
}

impl PartialEq for Concept {
    fn eq(&self, other: &Self) -> bool {
        self.number == other.number
    }
}

impl std::fmt::Debug for Concept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Concept({:02} {})", self.number, self.slug)
    }
}

/// The concepts before and after `c` in course order (none before the first, none after the last).
pub fn neighbours(c: &Concept) -> (Option<&'static Concept>, Option<&'static Concept>) {
    let i = usize::from(c.number) - 1;
    (i.checked_sub(1).and_then(|j| REGISTRY.get(j)), REGISTRY.get(i + 1))
}

/// The built panels, in course order.
pub fn built() -> impl Iterator<Item = (&'static Concept, &'static Panel)> {
    REGISTRY.iter().filter_map(|c| c.panel.map(|p| (c, p)))
}

/// Looks a concept up by slug.
pub fn find(slug: &str) -> Option<&'static Concept> {
    REGISTRY.iter().find(|c| c.slug == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seventeen_concepts_in_order_with_the_fixed_slugs() {
        let slugs = [
            "cross-entropy",
            "backprop-gradient-descent",
            "adam-adamw",
            "lr-schedules",
            "clipping-accumulation",
            "mixed-precision",
            "gradient-checkpointing",
            "pretraining",
            "data-curation",
            "data-mixing",
            "curriculum-learning",
            "scaling-laws",
            "emergent-abilities",
            "grokking",
            "model-collapse",
            "catastrophic-forgetting",
            "self-improvement",
        ];
        for (i, (c, s)) in REGISTRY.iter().zip(slugs).enumerate() {
            assert_eq!(usize::from(c.number), i + 1);
            assert_eq!(c.slug, s);
        }
        assert!(find("backprop-gradient-descent").and_then(|c| c.panel).is_some());
        assert!(find("nope").is_none());
        let (prev, next) = neighbours(&REGISTRY[0]);
        assert!(prev.is_none() && next.map(|c| c.number) == Some(2));
        let (prev, next) = neighbours(&REGISTRY[16]);
        assert!(prev.map(|c| c.number) == Some(16) && next.is_none());
    }
}
