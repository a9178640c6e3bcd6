//! The explanation beside panel 15.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn CollapseExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "Generation 0 learns from real data. Every later generation learns from samples of the one before. A
                finite sample under-represents rare events, and a model fitted to it assigns them still less probability,
                so each round loses a little of the tails and nothing brings them back. Shumailov et al. (Nature, 2024)
                call this model collapse and show it for Gaussian mixtures, variational autoencoders and language models.
                Here the mixture starts with a rare mode far to the right (10% of the mass); under \"replace\" it usually
                vanishes within a few generations and the fitted σ shrinks: at the defaults generation 0 fits a tail
                mass of about 0.08 (the real one is 0.086) and σ ≈ 2.2 (real 1.99); after 100 generations the tail mass
                is 0 and σ is about 1.3, one narrower mixture wandering on its own samples. Generation 0 learns from 50 real points
                holding each mode in its exact share, so what is lost after it is the generations' doing."
            </p>
            <p>"Under \"replace\", generation g + 1 fits the mixture that makes generation g's n samples most likely (by gradient descent on their negative log-likelihood); the tail mass T is how much of a fit lies more than 2σ₀ from its own mean:"</p>
            <Formula block=true tex=r"\hat\theta_{g+1} = \arg\max_\theta \sum_{i=1}^{n} \ln p_\theta(x_i), \quad x_i \sim p_{\hat\theta_g}" />
            <Formula block=true tex=r"T_g = P_{\hat\theta_g}\left(|x - \hat\mu_g| > 2\sigma_0\right)" />
            <p>
                "Gerstgrasser et al. (2024) showed that collapse depends on throwing the old data away. If each
                generation keeps everything seen so far (\"accumulate\"), the error stays bounded however many
                generations pass. Keeping a share of real data in every batch has a similar effect. Try both: the σ and
                tail-mass curves stay near the dashed real values."
            </p>
            <p>
                "The lower view repeats the experiment with panel 01's character model. Each generation is a new model
                trained from scratch on what the previous one wrote. Generation 0 is a small model trained for seconds, so
                even its text is only word-like (compare it with the real text above it); what matters is that each
                later generation is worse at real text than the one before. Its perplexity on real held-out text rises and its
                text repeats itself more: the share of distinct 4-grams falls. A temperature below 1 sharpens every
                sample and speeds the collapse up; above 1 it adds noise instead."
            </p>
        </div>
    }
}
