//! The explanation beside panel 13, with its formulas.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn EmergenceExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "Wei et al. (2022) collected tasks on which large language models went from chance to competent
                between one size and the next, and called those abilities emergent. Schaeffer et al. (NeurIPS 2023)
                argued that many such jumps are made by the metric: a score that gives credit only when every token
                of a long answer is right turns a smooth improvement into a sudden one."
            </p>
            <p>
                "Here a family of networks, each twice as wide as the last, learns to add two k-digit numbers. Each
                network reads both operands and writes all k + 1 digits of the sum at once, least significant
                first; every model trains for the same number of steps on fresh problems and is scored on the same
                1,000 test problems. If the digits of an answer of length L are right independently, each with
                probability p, then"
            </p>
            <Formula block=true tex=r"\mathrm{exact\ match} \approx \prod_{i=1}^{L} p_i \approx p^{L}" />
            <p>
                "and p^L stays near zero until p is close to one, then rises steeply, and the more steeply the longer
                the answer. The dashed curve is that product, computed from each model's per-digit accuracies; the
                solid one is measured. The other metrics give partial credit: per-digit accuracy, the edit
                distance between the predicted and the true digit strings (Levenshtein, lower is better), and the
                log-probability of the correct answer,"
            </p>
            <Formula block=true tex=r"\log p(y \mid x) = \sum_{i=1}^{L} \log p_\theta(y_i \mid x)" />
            <p>
                "which improve steadily with size. The chart of answer lengths scores the same models on their first
                j digits only: the first digit is right early, all k + 1 only late. Nothing about the
                models changes between these views; only the way they are scored. With a linear x axis the sizes
                crowd to the left and any rise looks sudden: switch the axis to see how much of the effect is
                the plotting."
            </p>
        </div>
    }
}
