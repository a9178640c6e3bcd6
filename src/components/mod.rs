//! Shared UI pieces: charts (plotters on a hi-DPI canvas), controls, the panel frame, the backend
//! badge and formulas. Components wire signals to the engine; none of them trains anything.

pub mod badge;
pub mod chart;
pub mod controls;
pub mod formula;
pub mod panel_frame;
