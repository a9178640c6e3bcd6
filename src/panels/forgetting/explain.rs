//! The explanation beside panel 16, with its formulas.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn ForgetExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "A network trained on task A and then only on task B is pulled wherever B's gradient points, and
                nothing in that gradient remembers A: McCloskey and Cohen (1989) called the result catastrophic
                interference. Here the two tasks live in different halves of the plane, so one network could do
                both; plain fine-tuning on B still turns A's rule upside down, because that is the shortest way
                to B. The same happens, more mildly, to a language model fine-tuned on new text: its loss on the
                old text rises."
            </p>
            <p>
                "Every method starts from the same network, the one phase A trained. "<strong>"Replay"</strong>
                " mixes a share of A's data into each batch of B. "<strong>"Elastic weight consolidation"</strong>
                " (Kirkpatrick et al., PNAS 2017) adds a pull towards the old weights θ*, strong where a weight
                mattered to A:"
            </p>
            <Formula block=true tex=r"L(\theta) = L_B(\theta) + \frac{\lambda}{2} \sum_i F_i\,(\theta_i - \theta^{*}_i)^2" />
            <p>
                "where Fᵢ, the diagonal of the Fisher information, is estimated on A's examples as the mean squared
                per-example gradient of the log-likelihood (one backward pass per example; the heatmap shows it
                for one layer):"
            </p>
            <Formula block=true tex=r"F_i = \frac{1}{n} \sum_{k=1}^{n} \left( \frac{\partial \log p_\theta(y_k \mid x_k)}{\partial \theta_i} \right)^{2}" />
            <p>
                <strong>"L2"</strong>" uses the same pull with every Fᵢ = 1, and a "<strong>"lower learning rate"</strong>
                " simply moves less. Each buys stability (A kept) with plasticity (B learned): the scatter puts every
                method, and EWC at several λ, on that trade-off. Replay is the method large language model
                pre-training relies on when it adds new data: a share of the old mixture stays in every batch."
            </p>
        </div>
    }
}
