//! Concept 03, Adam and AdamW (in progress: the optimiser race's engine side; no panel is
//! registered yet, so the gallery still says "Not built yet").

pub mod race;
