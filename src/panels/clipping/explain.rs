//! The explanation beside panel 05, with the clipping rule and the accumulation identity.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn ClipExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "A single bad batch can produce a gradient many times larger than usual, and one step along it can undo
                hundreds of good ones. Here a small network (1→32→32→1, tanh) fits y = sin 3x with plain SGD. Now and
                then a batch arrives whose targets are buried in noise (σ = 30): its gradient norm jumps from about 1 to
                about 50. Two copies train from the same weights on the same batches. One is clipped, one is not."
            </p>
            <p>"Clipping by the global norm rescales the whole gradient when its length over all parameters exceeds c (Pascanu et al. 2013):"</p>
            <Formula block=true tex=r"g \leftarrow g \cdot \min\left(1, \frac{c}{\|g\|_2}\right)" />
            <Formula block=true tex=r"\|g\|_2 = \sqrt{\sum_i g_i^2}" />
            <p>
                "Its direction is kept; only its length is capped. Clipping by value clamps each entry into [−c, c]
                instead, which also changes the direction. Burn's own "<code>"GradientClippingConfig::Norm"</code>", set
                on the optimizer, caps each parameter tensor's norm separately (choose “each tensor's norm” to train
                with it); the global norm is computed over all of them together, as language-model training does,
                and is written here in a few lines on top of Burn's gradients."
            </p>
            <p>
                "Gradient accumulation gets a big batch's step from small ones when the big batch will not fit in
                memory. For a mean loss over N = k·b examples split into k micro-batches of b:"
            </p>
            <Formula block=true tex=r"\nabla_\theta \frac{1}{kb} \sum_{n=1}^{kb} \ell_n = \frac{1}{k} \sum_{j=1}^{k} \nabla_\theta \left( \frac{1}{b} \sum_{n \in B_j} \ell_n \right)" />
            <p>
                "So the k micro-batch gradients are summed (Burn's "<code>"GradientsAccumulator"</code>" sums), scaled by
                1/k, and the optimizer steps once. The two copies (1→32→32→2 on two circles, Adam) then agree to float
                rounding: the sums only run in another order. Only the activations of one micro-batch are held at a
                time; the price is k smaller passes instead of one. The memory figures are computed from the layer
                widths, not measured; the times are measured in the worker."
            </p>
            <p>
                "Things to try. Set the threshold above 60 (the largest norms are 50–60): nothing is clipped, and the two runs become one. Set it to
                0.1: nearly every step is clipped, and the clipped run learns slowly, since every step is now short.
                Raise the learning rate to 0.1: the unclipped run blows up for good. "<a href="gradient-checkpointing">"Gradient
                checkpointing"</a>", which saves activation memory another way, has its own panel (07)."
            </p>
        </div>
    }
}
