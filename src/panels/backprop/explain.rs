//! The short explanation shown beside panel 02 on `/concepts/backprop-gradient-descent`.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows, with its formulas.
#[component]
pub fn BackpropExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "A small network maps each point (x₁, x₂) to two logits. Softmax turns them into class probabilities, and
                the loss is the average cross-entropy over all 256 points:"
            </p>
            <Formula block=true tex=r"L(\theta) = -\frac{1}{N}\sum_{n=1}^{N} \ln \frac{e^{z_{y_n}}}{\sum_{k} e^{z_k}}" />
            <p>
                "Backpropagation applies the chain rule layer by layer, from the loss back to the input. Each layer's
                gradient is the next layer's gradient multiplied by that layer's local derivative:"
            </p>
            <Formula block=true tex=r"\frac{\partial L}{\partial h_{\ell-1}} = W_\ell^{\top} \left( \frac{\partial L}{\partial h_\ell} \odot \sigma'(a_\ell) \right)" />
            <p>"Gradient descent then moves every weight a little way downhill:"</p>
            <Formula block=true tex=r"\theta \leftarrow \theta - \eta \, \nabla_\theta L" />
            <p>
                "Things to try. Set the activation to sigmoid and the hidden layers to 6. Since σ′ ≤ ¼, each layer the
                gradient passes through shrinks it: from the first steps, layer 0 (nearest the input) gets a gradient
                more than 20 times smaller than the output layer's, and learns slowest; with ReLU at the same depth the
                layers stay far closer. With only two sigmoid layers the effect is too small to see. Push the learning rate towards 10 with ReLU and the loss blows up. The
                run stops at the first NaN or ∞, or once the loss is ten times its starting value, and says so;
                Reset starts it again from the same seed. Step runs one forward and backward pass and lists a few
                weights of the first layer before and after it."
            </p>
        </div>
    }
}
