//! Data sets the experiments train on, generated from a seed so a URL reproduces them.

pub mod modular;
pub mod text;
pub mod toy2d;
