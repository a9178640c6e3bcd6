//! The explanation beside panel 12, with its formulas.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn ScalingExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "Every point here is a model trained in this page. The models are character-level language models
                in the style of Bengio et al. (2003): eight characters of context, embedded and passed through one
                hidden layer whose width doubles from size to size (8, 16, 32, …), trained on the first ten chapters
                of Moby-Dick with Adam and a warmup-and-cosine schedule fitted to each run's length. N counts every
                weight. Each compute budget C is spent on every size, so a bigger model sees fewer characters:"
            </p>
            <Formula block=true tex=r"C \approx 6 N D \quad\Rightarrow\quad D = \frac{C}{6N}" />
            <p>
                "Six FLOPs per parameter per token, two forward and four backward, is Kaplan et al.'s (2020)
                approximation; the charts use it as a formula, not a measurement. The runs are dealt to four jobs,
                which the page's workers train side by side, the cheapest first."
            </p>
            <p>
                "Loss against compute: every size's curve falls, then flattens as the model runs out of capacity,
                and a bigger model overtakes it. The dashed lower envelope is the compute-efficient frontier
                (Kaplan et al. 2020; Hoffmann et al. 2022, approach 1). The iso-FLOP profiles (approach 2) hold the
                compute fixed: too small a model cannot use the data, too large a one sees too little, and the
                minimum of a parabola in log N marks the best size. Its power law in C is Chinchilla's headline:"
            </p>
            <Formula block=true tex=r"N_{\mathrm{opt}}(C) \propto C^{a}, \qquad a \approx 0.5" />
            <p>
                "Approach 3 fits one law to every final loss. As Hoffmann et al. did, the fit minimises a Huber loss
                (δ = 10⁻³) between the predicted and the observed log-loss, from a grid of starting points; the
                ± values are the spread over 40 fits to runs drawn with replacement:"
            </p>
            <Formula block=true tex=r"L(N, D) = E + \frac{A}{N^{\alpha}} + \frac{B}{D^{\beta}}" />
            <Formula block=true tex=r"\min_{a, b, e, \alpha, \beta} \sum_i \mathrm{Huber}_{\delta}\left(\hat{\ell}_i - \log L_i\right)" />
            <Formula block=true tex=r"\hat{\ell}_i = \mathrm{LSE}(a - \alpha n_i,\ b - \beta d_i,\ e)" />
            <p>"with n = log N, d = log D, A = eᵃ, B = eᵇ and E = eᵉ."</p>
            <p>
                "Minimising L under C = 6ND gives the compute-optimal allocation, which the calculator evaluates:"
            </p>
            <Formula block=true tex=r"N_{\mathrm{opt}} = G \left(\frac{C}{6}\right)^{\frac{\beta}{\alpha+\beta}}" />
            <Formula block=true tex=r"D_{\mathrm{opt}} = \frac{C}{6 N_{\mathrm{opt}}}" />
            <Formula block=true tex=r"G = \left(\frac{\alpha A}{\beta B}\right)^{\frac{1}{\alpha+\beta}}" />
            <p>
                "Chinchilla's fit (E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28) is the published one.
                Besiroglu et al. (2024) refitted Hoffmann et al.'s data and found these rounded values imply far
                more tokens per parameter than the about 20 of approaches 1 and 2, which the calculator shows.
                Your fit describes tiny character models on one short book: its E is the entropy that eight
                characters of context leave, and its exponents are steeper than Chinchilla's, because this model
                family's capacity saturates quickly. The shape of the story, not the numbers, carries over."
            </p>
        </div>
    }
}
