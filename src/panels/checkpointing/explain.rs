//! The explanation beside panel 07: what the backward pass needs, what checkpointing keeps, and
//! what it costs.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn CheckpointExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "To compute a layer's gradient, the backward pass needs that layer's input, so a plain forward pass
                keeps every layer's activations until the backward pass has used them: memory that grows with the
                depth n. For a layer h′ = tanh(hW + b) and the gradient g arriving at h′:"
            </p>
            <Formula block=true tex=r"\frac{\partial L}{\partial W} = h^{\top} \left( g \odot (1 - h'^2) \right)" />
            <p>
                "Checkpointing keeps only some inputs (every k-th layer's) and, in the backward pass, recomputes the
                others from the nearest checkpoint below, one segment at a time. It holds about n/k checkpoints
                plus one segment of k, which is least at k = √n (Chen et al. 2016):"
            </p>
            <Formula block=true tex=r"\text{memory} \approx \frac{n}{k} + k \geq 2\sqrt{n}" />
            <p>
                "for about one extra forward pass: n − ⌈n/k⌉ layers are recomputed. Keeping only the network's input
                costs n(n − 1)/2 recomputed layers: constant memory, quadratic time. The gradients do not change:
                recomputing the same operations on the same numbers gives the same numbers, bit for bit."
            </p>
            <p>
                "The network here is an MLP of n tanh layers learning two concentric circles from 256 points. Each step
                computes the gradient four ways from the same weights, and once more for one spacing k in turn
                (the grey dots fill in every k). The backward pass is written out layer by layer, so the memory
                shown is counted, not estimated: the bytes (shape × 4) of every activation and gradient tensor
                the step holds, added when stored and subtracted when freed. Weights and their gradients are the
                same for every strategy and are left out. Times are measured in the worker, on the CPU backend in every browser (on WebGPU the work is
                queued, and timing it would time a readback). Burn's autodiff
                computes the same gradient as a check; Burn's own checkpointing
                ("<code>"Device::autodiff().gradient_checkpointing()"</code>") decides per operation what to
                recompute rather than per layer, and its graph's memory cannot be read on the CPU backend, so it
                is not one of the strategies here."
            </p>
            <p>
                "Things to try. Raise n to 32: storing everything grows in step with n, √n by about √2, and recomputing
                everything gets slow. Set k to 1 (store everything) or to n (one segment: everything is
                recomputed and stored again, so the peak is no lower). Raise the width: every figure scales with it."
            </p>
        </div>
    }
}
