//! Bytes that tensors hold, counted from their shape and dtype: the figure panels show as memory
//! that is counted rather than estimated by a formula.

use burn::prelude::*;

/// Bytes of `t`: its elements times its dtype's size.
pub fn bytes<const D: usize>(t: &Tensor<D>) -> usize {
    t.shape().num_elements() * t.dtype().size()
}
