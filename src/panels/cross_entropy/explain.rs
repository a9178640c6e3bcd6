//! The explanation beside panel 01.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn XentExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "A language model outputs one score, a logit zₖ, for each of the V tokens it could predict next.
                Softmax turns the scores into probabilities. The temperature T divides the logits first: T > 1 flattens
                the distribution, T < 1 sharpens it."
            </p>
            <Formula block=true tex=r"p_k = \frac{e^{z_k / T}}{\sum_{j=1}^{V} e^{z_j / T}}, \qquad L = -\ln p_{\text{target}}" />
            <p>
                "The loss is the surprise at the right answer. A uniform guess gives every token p = 1/V and costs exactly
                ln V nats, so ln V is the loss of knowing nothing. A confident wrong answer puts almost no probability on
                the target, and −ln p grows without bound as p → 0: it costs far more than an unsure guess. Dividing by
                ln 2 gives bits, and e^L is the perplexity: the number of equally likely tokens the model is, in effect,
                choosing between."
            </p>
            <p>
                "Label smoothing (Szegedy et al. 2016) trains against a softened target, 1 − α + α/V on the right token
                and α/V on each other one. The best possible loss is then the entropy of that target, not 0: a floor that
                stops the model from pushing p all the way to 1."
            </p>
            <Formula block=true tex=r"L_\alpha = -\sum_k q_k \ln p_k \;\geq\; H(q) = -\sum_k q_k \ln q_k" />
            <p>
                "The lower half trains a small model on real text: four characters of context are embedded, passed through
                one tanh layer, and mapped to logits over the 39 characters of the first ten chapters of Moby-Dick
                (Bengio et al. 2003 used the same design for words). It starts near ln 39 ≈ 3.66 nats. It drops below the
                unigram entropy (the best a model can do without context) once it uses the previous characters. The
                held-out curve is measured on text the model never trains on. At this size the model is far too small
                to memorise the book, so the two curves stay close; a gap opening between them would be memorisation.
                Samples continue the highlighted prompt."
            </p>
        </div>
    }
}
