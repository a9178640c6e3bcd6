//! Page state that is not training: the URL query ⇄ typed parameters, and (in the browser) the
//! location, the reader's motion preference and on-screen visibility.

pub mod query;
#[cfg(target_arch = "wasm32")]
pub mod web;
