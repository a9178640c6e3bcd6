//! Page state that is not training: the URL query ⇄ typed parameters (stated once, as a table of
//! fields: [`params`]), and (in the browser) the
//! location, the reader's motion preference and on-screen visibility.

pub mod params;
pub mod query;
#[cfg(target_arch = "wasm32")]
pub mod web;
