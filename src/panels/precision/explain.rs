//! The explanation beside panel 06: how a float is stored, why fp16 needs loss scaling and bf16
//! does not, what pure bf16 loses, and the bytes per parameter.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn PrecisionExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "A binary float stores a sign bit s, an exponent field e and a mantissa field m. A normal number
                (e neither all zeros nor all ones) is worth"
            </p>
            <Formula block=true tex=r"x = (-1)^s \, 2^{e - b} \left(1 + \frac{m}{2^{M}}\right)" />
            <p>
                "with M mantissa bits and a fixed bias b (15 in fp16, 127 in fp32 and bf16). fp16 has 5 exponent bits and 10 mantissa bits: about three decimal digits,
                and nothing above 65504. bf16 keeps fp32's 8 exponent bits, so its range is fp32's, and has only
                7 mantissa bits: about two digits. Below the smallest normal number come the subnormals (e all
                zeros, no leading 1), down to 2^−24 in fp16; anything smaller than half of that rounds to zero."
            </p>
            <p>
                "Large models' gradients are tiny: averaged over millions of tokens and spread over billions of
                weights. In fp16 many of them fall below 2^−24 and become zero on the way back. Loss scaling
                (Micikevicius et al. 2018) multiplies the loss by S before the backward pass and divides the
                gradients by S after it, in fp32:"
            </p>
            <Formula block=true tex=r"g = \frac{1}{S} \nabla_\theta \left( S \cdot L \right)" />
            <p>
                "A dynamic scaler halves S and skips the step when a gradient overflows to ∞, and doubles S after N
                clean steps, so S stays just below the overflow point. The optimizer updates fp32 master weights;
                only the forward and backward passes run in 16 bits. bf16 needs no scaling (its range is fp32's),
                but its weights cannot take a small step: near a weight w the next value is about |w|·2^−7 away,
                so an update smaller than half of that rounds back to w. With the weights themselves in bf16,
                most of Adam's steps of about the learning rate are lost once the learning rate is below |w|/256:
                as the learning rate decays, the pure-bf16 run stops moving."
            </p>
            <p>
                "The model is panel 01's character model (3 characters of context, embeddings of 16, 64 tanh
                units) on Moby-Dick, 256 windows a batch, trained with Adam whose learning rate decays along a
                cosine to a tenth of its peak, as pre-training runs do. A model this small has large gradients, so every
                recipe multiplies its loss by 2^−s (s = 12 by default) to put them where a large model's are;
                Adam divides by the gradient's own size, so fp32 training does not change. The runs use Burn's
                own f16 and bf16 tensors ("<code>"Tensor::cast"</code>"): real half-precision arithmetic, on the
                CPU backend in every browser, since WebGPU has no bf16. With Adam, mixed precision keeps 16-bit
                weights and gradients and fp32 master weights and moments m and v, in bytes per parameter"
            </p>
            <Formula block=true tex=r"2 + 2 + 4 + 4 + 4 = 16" />
            <p>
                "(Rajbhandari et al. 2020): no less than fp32's 4 + 4 + 8. The saving is in the activations, which
                are half the size, and in the speed of 16-bit arithmetic on hardware built for it. Here the
                gradients reach the master weights already in fp32 (the cast's backward pass converts them)."
            </p>
            <p>
                "Things to try. Set s = 0: the gradients are large, nothing underflows, and fp16 without scaling
                trains as well as fp32. Raise the scaler's first scale to 2^40: it halves, skipping steps, until
                the gradients fit. Raise the learning rate to 0.01: pure bf16 keeps up for longer, since Adam's steps are
                larger than bf16's spacing until late in the decay."
            </p>
        </div>
    }
}
