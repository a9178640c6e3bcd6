//! The explanation beside panel 17, with its formulas.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn StarExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "The Self-Taught Reasoner (Zelikman et al., NeurIPS 2022) lets a model teach itself to reason from
                a handful of worked examples. Each round it writes a rationale and an answer for many problems,
                keeps the rationales whose answers are right, and is fine-tuned on them. With GPT-J (6 B
                parameters) it raised CommonsenseQA accuracy from 36.6% with few-shot rationales to 72.5%, without
                human-written rationales for the training set."
            </p>
            <p>
                "Here the model is a small window network that sees four tokens at a time, the problems are
                additions of 1 to 8 digits, and the rationale is the carry chain: after each column's digits aᵢ
                and bᵢ, and the carry it wrote one column before, it writes the column's digit sᵢ and its carry
                cᵢ. The carry is all the state it needs, so one table of 200 column sums adds numbers of any
                length. The answer is read from what it wrote, and the verifier is exact:"
            </p>
            <Formula block=true tex=r"\mathrm{keep} \Leftrightarrow c_n 10^{n} + \sum_{i=1}^{n} s_i\,10^{i-1} = a + b" />
            <p>
                "Round 0 sees only a small seed set of worked 1- and 2-digit problems (100 by default), which
                cover part of that table. If a column is right with probability p,
                an n-digit answer is right with about pⁿ, so the model's first successes are short. Every kept
                rationale adds right columns, p rises, and longer problems start to succeed and to be kept: the
                heatmap's solved frontier moves to the right round by round. STaR restarts each round from the
                base weights, which guards against training on its own mistakes for ever; switch it off to
                continue from the last round instead. "<strong>"Rationalisation"</strong>" tries each failure
                again with the true digits given as hints and keeps that rationale if it reaches the answer,
                which gives the model something to learn from on problems it cannot yet solve."
            </p>
            <p>
                "Without the verifier the same loop trains on everything it wrote, errors included, at the
                sampling temperature T, where each digit is drawn with probability"
            </p>
            <Formula block=true tex=r"p_T(d) = \frac{e^{z_d / T}}{\sum_{d'} e^{z_{d'} / T}}" />
            <p>
                "and its accuracy falls behind: it is model collapse (panel 15) with a task attached. The verifier
                is what turns sampling into improvement."
            </p>
        </div>
    }
}
