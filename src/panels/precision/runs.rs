//! Panel 06's jobs: one per recipe, each restarted only by its own settings. Every recipe trains
//! on the CPU backend (Burn flex) whatever the page's backend: WebGPU has no bf16, and fp16 only
//! on adapters with the `shader-f16` feature, while flex computes in both (see `recipe.rs`).

use super::params::PrecisionParams;
use super::recipe::{Recipe, RecipeRun};
use crate::engine::backend::cpu_device;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use crate::state::params::Params;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// One part per recipe, named by its key; a part hidden with `hide=` does not train.
pub fn parts(p: &PrecisionParams) -> Vec<Part> {
    Recipe::ALL
        .iter()
        .map(|&r| Part::new(r.key(), p.steps).depends_on(&p.config(r)).scheduled(!p.hides(r.key())))
        .collect()
}

/// Builds `part` from `p`, on the CPU (the device the host offers is not used; see above).
pub fn spawn(part: &str, p: &PrecisionParams, budget: u64, _device: &Device) -> Option<JobHandle> {
    let recipe = *Recipe::ALL.iter().find(|r| r.key() == part)?;
    let cfg = p.config(recipe);
    let device = cpu_device();
    Some(Rc::new(RefCell::new(Job::new(Box::new(move || RecipeRun::new(recipe, cfg, &device)), budget))))
}
