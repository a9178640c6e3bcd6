//! Page state that is not training: the URL query ⇄ typed parameters, and (in the browser) hooks
//! for visibility and the training loop.

#[cfg(target_arch = "wasm32")]
pub mod panel;
pub mod query;
#[cfg(target_arch = "wasm32")]
pub mod web;
