//! The explanation beside panel 11, with its formulas.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn CurriculumExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "Should a model see easy examples first? Here a perceptron with two hidden layers of 256 learns to
                add two numbers of 1 to 4 digits, given as one-hot digits and answered digit by digit; an example's
                difficulty is its number of digits. The training set holds 2,000 problems of each difficulty,
                sorted from easy to hard. Four orderings train for the same steps on the same set, each with three
                seeds, and are tested on the same 200 clean problems, 50 of each difficulty."
            </p>
            <p>
                "A curriculum draws its batches from the easiest share c(t) of the set, the competence, which a
                pacing function raises from c₀ = 0.1 to 1 over the ramp T (Platanios et al. 2019):"
            </p>
            <Formula block=true tex=r"c_{\mathrm{lin}}(t) = \min\left(1,\ c_0 + (1 - c_0)\,t/T\right)" />
            <Formula block=true tex=r"c_{\mathrm{sqrt}}(t) = \min\left(1,\ \sqrt{c_0^2 + (1 - c_0^2)\,t/T}\right)" />
            <p>
                "The step function adds one difficulty level every T/4 steps. Hard to easy draws from the hardest
                share c(t) instead (an anti-curriculum). Self-paced learning (Kumar, Packer & Koller 2010) ranks by
                the model's own current loss: each step it scores a pool of 64/c(t) random problems and trains on
                the 64 it finds easiest."
            </p>
            <p>
                "Large studies found that curricula rarely beat random order when there is compute to spare, and
                help mostly when the budget is small or the labels are noisy (Wu, Dyer & Neyshabur, ICLR 2021).
                Move the budget and the label-noise sliders to see where ordering matters here, and where it does
                not. The panel reports what happens, gains or none."
            </p>
        </div>
    }
}
