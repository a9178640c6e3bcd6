//! What a panel's view reads of a run, as data: an experiment encodes the state its view shows
//! (a decision boundary, a spectrum, sampled text) into a [`Frame`]; the frame travels with the
//! job's updates to the page, where the view decodes it into the same plain struct. Large arrays
//! in the struct are marked `#[serde(with = "crate::engine::wire::f32s")]` and travel as typed
//! arrays.

use super::wire::{self, Packet};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// An encoded view state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    head: String,
    #[serde(with = "super::wire::f32_lists")]
    f32: Vec<Vec<f32>>,
    #[serde(with = "super::wire::f64_lists")]
    f64: Vec<Vec<f64>>,
}

impl Frame {
    /// Encodes a view state.
    pub fn encode<T: Serialize>(state: &T) -> Self {
        match wire::encode(state) {
            Ok(p) => Self { head: p.head, f32: p.f32, f64: p.f64 },
            // A view state is plain data; serde_json fails only on maps with non-string keys.
            Err(e) => Self { head: format!("{{\"encode_error\":{e:?}}}"), ..Self::default() },
        }
    }

    /// Decodes the view state, or says why it cannot.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, String> {
        wire::decode(Packet { head: self.head.clone(), f32: self.f32.clone(), f64: self.f64.clone() })
    }
}
