//! Models the experiments train. Each is a plain Burn `Module` with a `forward` that documents its
//! shapes; weights are drawn from the engine's own seeded [`Rng`](crate::engine::rng::Rng) so a seed
//! gives the same initial weights on every backend.

pub mod char_lm;
pub mod char_mlp;
pub mod gpt;
pub mod mlp;
pub mod pair_mlp;
pub mod sample;
pub mod weights;
