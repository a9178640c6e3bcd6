//! A model's weights as plain lists and back: [`flatten`] lists every float parameter, flattened,
//! in the order the module visits them; [`load`] puts such lists back into a model of the same
//! shape on any device. A worker sends a model's weights to the page this way, and the page runs
//! the same Burn module on them (no second implementation of the model).

use burn::module::{Module, ModuleMapper, ModuleVisitor, Param};
use burn::prelude::*;

struct Flatten(Vec<Tensor<1>>);

impl ModuleVisitor for Flatten {
    fn visit_float<const D: usize>(&mut self, p: &Param<Tensor<D>>) {
        self.0.push(p.val().inner().flatten(0, D - 1));
    }
}

/// Every float parameter of `model`, flattened to `[n]`, without autodiff graphs.
pub fn flatten<M: Module>(model: &M) -> Vec<Tensor<1>> {
    let mut f = Flatten(Vec::new());
    model.visit(&mut f);
    f.0
}

struct Load<'a> {
    parts: std::slice::Iter<'a, Vec<f32>>,
    error: Option<String>,
}

impl ModuleMapper for Load<'_> {
    fn map_float<const D: usize>(&mut self, p: Param<Tensor<D>>) -> Param<Tensor<D>> {
        let next = self.parts.next();
        let mut error = None;
        let p = p.map(|old| {
            let shape = old.shape();
            match next.filter(|v| v.len() == shape.num_elements()) {
                Some(v) => {
                    let t = Tensor::<D>::from_data(TensorData::new(v.clone(), shape), &old.device());
                    if old.is_require_grad() {
                        t.require_grad()
                    } else {
                        t
                    }
                }
                None => {
                    error = Some(format!("the weights do not fit a parameter of {} values", shape.num_elements()));
                    old
                }
            }
        });
        if self.error.is_none() {
            self.error = error;
        }
        p
    }
}

/// `model` with its parameters replaced, in visiting order, by `parts` (as [`flatten`] made
/// them), on the model's own device.
///
/// # Errors
/// When the lists do not match the model's parameters in number or size.
pub fn load<M: Module>(model: M, parts: &[Vec<f32>]) -> Result<M, String> {
    let mut l = Load { parts: parts.iter(), error: None };
    let model = model.map(&mut l);
    match (l.error, l.parts.next()) {
        (Some(e), _) => Err(e),
        (None, Some(_)) => Err("there are more weight lists than parameters".into()),
        (None, None) => Ok(model),
    }
}
