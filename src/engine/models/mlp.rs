//! A multilayer perceptron: `Linear → activation → … → Linear`, Burn's `Linear` layers throughout.

use crate::engine::choice::Choice;
use crate::engine::rng::Rng;
use burn::module::Param;
use burn::nn::Linear;
use burn::prelude::*;
use burn::tensor::activation;

/// The hidden-layer non-linearity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// max(0, x).
    Relu,
    /// tanh(x).
    Tanh,
    /// 1 / (1 + e^{-x}); its derivative is at most 1/4, so deep sigmoid stacks shrink gradients.
    Sigmoid,
}

impl Choice for Activation {
    const ALL: &'static [Self] = &[Activation::Relu, Activation::Tanh, Activation::Sigmoid];

    fn key(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
            Activation::Sigmoid => "sigmoid",
        }
    }
}

impl Activation {
    /// Applies the non-linearity.
    pub fn apply<const D: usize>(self, x: Tensor<D>) -> Tensor<D> {
        match self {
            Activation::Relu => activation::relu(x),
            Activation::Tanh => activation::tanh(x),
            Activation::Sigmoid => activation::sigmoid(x),
        }
    }
}

/// Layer widths `dims[0] → dims[1] → … → dims[last]`, one `Linear` per arrow.
#[derive(Module, Debug)]
pub struct Mlp {
    /// The affine layers; `layers[i].weight` is `[dims[i], dims[i+1]]`.
    pub layers: Vec<Linear>,
}

impl Mlp {
    /// Builds the layers with seeded weights: He-uniform (bound √(6/fan_in), He et al. 2015) for
    /// ReLU, Glorot-uniform (bound √(6/(fan_in+fan_out)), Glorot & Bengio 2010) otherwise; zero
    /// biases.
    pub fn new(dims: &[usize], act: Activation, seed: u64, device: &Device) -> Self {
        let mut rng = Rng::stream(seed, 2);
        let layers = dims
            .windows(2)
            .map(|w| {
                let (fan_in, fan_out) = (w[0], w[1]);
                let bound = match act {
                    Activation::Relu => (6.0 / fan_in as f64).sqrt(),
                    _ => (6.0 / (fan_in + fan_out) as f64).sqrt(),
                };
                let values: Vec<f32> = (0..fan_in * fan_out).map(|_| rng.range(-bound, bound) as f32).collect();
                let weight = Tensor::<2>::from_data(TensorData::new(values, [fan_in, fan_out]), device);
                let bias = Tensor::<1>::zeros([fan_out], device);
                Linear { weight: Param::from_tensor(weight), bias: Some(Param::from_tensor(bias)) }
            })
            .collect();
        Self { layers }
    }

    /// `x: [batch, dims[0]]` → logits `[batch, dims[last]]`; `act` after every layer but the last.
    pub fn forward(&self, x: Tensor<2>, act: Activation) -> Tensor<2> {
        let last = self.layers.len().saturating_sub(1);
        self.layers.iter().enumerate().fold(x, |h, (i, layer)| {
            let z = layer.forward(h); // [batch, width_i]
            if i < last {
                act.apply(z)
            } else {
                z
            }
        })
    }
}
