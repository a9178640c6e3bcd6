//! A small web crawl and the pieces that clean it, as FineWeb's pipeline does at scale: clean
//! documents from the shipped texts with injected noise of known kinds ([`crawl`]), MinHash
//! signatures and locality-sensitive hashing for near-duplicates ([`minhash`]), and Gopher-style
//! quality heuristics ([`filters`]). Every document carries its true kind, so each stage's
//! precision and recall can be measured.

pub mod crawl;
pub mod filters;
pub mod minhash;

use serde::{Deserialize, Serialize};

/// What a document really is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// A passage of a shipped text, the first time it appears.
    Clean,
    /// An exact copy of a clean document.
    Duplicate,
    /// A copy with a few words changed, or boilerplate repeated with small edits.
    NearDuplicate,
    /// A real spam e-mail (SpamAssassin).
    Spam,
    /// Keyboard mash, symbol soup, repeated lines or a fragment.
    LowQuality,
}

impl Kind {
    /// Every kind, in the order tables list them.
    pub const ALL: [Kind; 5] = [Kind::Clean, Kind::Duplicate, Kind::NearDuplicate, Kind::Spam, Kind::LowQuality];

    /// Short lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Clean => "clean",
            Kind::Duplicate => "duplicate",
            Kind::NearDuplicate => "near-duplicate",
            Kind::Spam => "spam",
            Kind::LowQuality => "low quality",
        }
    }
}

/// One document of the crawl.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// The text (over the shipped texts' alphabet).
    pub text: String,
    /// What it really is.
    pub kind: Kind,
    /// Documents of one family are copies of one another (exact or edited); `None` for a document
    /// with no copies made.
    pub family: Option<usize>,
}

/// 64-bit FNV-1a: a stable hash (the standard library's may change between releases).
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
