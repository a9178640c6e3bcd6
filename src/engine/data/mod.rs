//! Data sets the experiments train on, generated from a seed so a URL reproduces them, and the
//! byte-pair-encoding tokenizer trained on a text.

pub mod bpe;
pub mod curation;
pub mod domains;
pub mod modular;
pub mod ngram;
pub mod text;
pub mod tokens;
pub mod toy2d;
