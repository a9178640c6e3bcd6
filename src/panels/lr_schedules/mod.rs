//! Concept 04, learning-rate schedules (in progress: engine side only, no panel registered yet).

pub mod experiment;
