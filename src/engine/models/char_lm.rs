//! The small character language model that panel 01 trains on *Moby-Dick* and panel 15 retrains on
//! its own text: its shape and batch sizes, kept here so that retuning one panel never silently
//! changes the other (each panel imports these; neither imports the other).

use super::char_mlp::CharMlpShape;
use crate::engine::data::text::Corpus;

/// Characters of context the model sees.
pub const CONTEXT: usize = 4;
/// Training windows per step.
pub const BATCH: usize = 128;
/// Held-out windows the validation loss is measured on.
pub const VAL_BATCH: usize = 512;

/// The model's shape for a corpus.
pub fn shape(corpus: &Corpus) -> CharMlpShape {
    CharMlpShape { vocab: corpus.v(), context: CONTEXT, embed: 16, hidden: 128 }
}
