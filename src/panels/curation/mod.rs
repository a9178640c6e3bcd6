//! Concept 09, training-data curation: a crawl of clean text and injected noise of known kinds,
//! cleaned by exact and MinHash deduplication, Gopher-style rules and a quality classifier, each
//! stage measured; and the same language model trained on the raw and the curated crawl.

use crate::plot::picture::Picture;
pub mod classifier;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod facts;
pub mod lm;
pub mod params;
pub mod pipeline;
pub mod runs;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::CurationParams,
    view: view::CurationPanel,
    explanation: explain::CurationExplanation,
    series: &["val_loss_raw", "val_loss_curated", "loss_duplicated", "loss_unique", "docs_kept"],
    watch: "the funnel's documents column shrinking stage by stage while the clean column keeps most of its documents; then the S-curve, where the measured dots follow the formula; then the payoff, where the passage copied dozens of times sinks below the text seen once.",
    picture: picture,
    test_query: "steps=10&noise=0.3",
};

/// LSH's S-curve at datatrove's 14 bands of 8 rows, and at 20 bands of 4.
fn picture() -> Picture {
    use crate::engine::data::curation::minhash::s_curve;
    let curve = |b, r| (0..=50).map(|k| f64::from(k) / 50.0).map(|s| (s, s_curve(s, b, r))).collect();
    Picture {
        lines: vec![(0, curve(14, 8)), (1, curve(20, 4))],
        dots: Vec::new(),
        alt:
            "Two S-curves: the chance that LSH makes a pair of documents a candidate, against their Jaccard similarity",
        same_scale: true,
    }
}
