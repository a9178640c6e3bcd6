//! The explanation beside panel 14.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn GrokExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "The task is addition modulo a prime p: given a and b, predict (a + b) mod p. There are only p² pairs, so a
                network can learn the training share by heart. Power et al. (2022) found that with weight decay it does
                exactly that first, and then, long after its training accuracy has reached 100%, its accuracy on the
                held-out pairs jumps too. They called this grokking. The log step axis shows the delay: the solid
                validation curve climbs only after the training curve has flattened."
            </p>
            <Formula block=true tex=r"c = (a + b) \operatorname{mod} p, \quad 0 \leq a, b < p" />
            <p>
                "Weight decay is what makes the difference here. A memorising solution needs large weights, one
                adjustment per training pair; a solution that has found the rule is smaller. AdamW (Loshchilov & Hutter
                2019) shrinks every weight by ηλ a step, so once the training loss is near zero the decay slowly trades
                the memorising weights for the general ones: watch the weight norm peak and fall as validation accuracy
                rises. The dashed run is the same model from the same weights with λ = 0: it memorises just as fast
                and never generalises."
            </p>
            <Formula block=true tex=r"\theta_t = \theta_{t-1} - \eta \left( \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon} + \lambda \theta_{t-1} \right)" />
            <p>
                "Nanda et al. (2023) showed what the generalising network computes: it represents each token as waves
                cos(2πka/p) and sin(2πka/p) at a few key frequencies k and adds angles. The bar chart is the Fourier
                spectrum of the embedding over the token index. It starts flat; after grokking a handful of frequencies
                carry most of the power. PAIR's explorable \"Do Machine Learning Models Memorize or Generalize?\" uses
                p = 67 with 40% of the pairs and Nanda et al. p = 113 with 30%, both with λ = 1; the default here, p = 47
                with half the pairs, groks the same way at half the cost per step, so the default run ends within two minutes
                even on the CPU backend. Pick p = 67 or 113 to see the larger settings."
            </p>
        </div>
    }
}
