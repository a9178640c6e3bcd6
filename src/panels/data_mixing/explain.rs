//! The explanation beside panel 10, with its formulas.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn MixingExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "A language model's training set is a blend of sources, and the blend is a choice. Here one small
                character transformer (two blocks, width 48) trains on four domains of different character: prose
                from Moby-Dick, the State of the Union addresses of 1790–1810, e-mail from the SpamAssassin corpus,
                and sums written out as a+b=c, whose operands are noise and whose answer is a function of them.
                Each sequence of a batch is drawn from one domain, chosen with the weights; each domain's loss is
                measured on its own held-out text."
            </p>
            <p>
                "Natural proportions take each domain as often as its size says. Multilingual models flatten that
                with a temperature T (Conneau et al. 2020, XLM-R, used T ≈ 3.3), so that small domains are seen
                more often and large ones less:"
            </p>
            <Formula block=true tex=r"p_i = \frac{n_i^{1/T}}{\sum_j n_j^{1/T}}" />
            <p>
                "The online rule follows DoReMi (Xie et al. 2023): weights start uniform, and every 20 steps each
                domain's loss L on probe windows of its held-out text is compared with a small reference model's
                loss R on the same windows. Weight moves, multiplicatively, towards the domains furthest above
                their reference, and a share c = 0.05 of uniform keeps every domain in the batches:"
            </p>
            <Formula block=true tex=r"\log \alpha_i \leftarrow \log \alpha_i + \eta \max(L_i - R_i,\ 0)" />
            <Formula block=true tex=r"w_i = (1 - c)\,\mathrm{softmax}(\log \alpha)_i + c/k" />
            <p>
                "Here η = 1, as in DoReMi, and the reference is a character 3-gram counted from each domain's
                training text (dashed in the chart). The rule trusts its reference: a 3-gram cannot add, so it
                reaches about 2.3 nats on the sums, where the transformer can go below 2. The rule sees
                arithmetic's excess vanish first and starves it, and arithmetic ends worse than under natural
                proportions (2.44 against 2.18 nats at the defaults). DoReMi trains its reference as a model of
                the same kind on the uniform mixture; with a reference this weak, reweighting is only as good as
                what the reference knows. At this size natural proportions are hard to beat on the worst
                domain: measured natively at seed 1, a uniform-trained reference gave a worst loss of 2.36 nats
                and an e-mail-heavy mixture 2.27, against natural's 2.26."
            </p>
            <p>
                "The sweep trains a fresh model at each point of a line through the simplex: one domain's weight
                from 0 to 1, the others keeping their natural proportions among themselves. A domain the model
                never sees ends far above a uniform guess (ln 51 ≈ 3.9 nats); a little of it buys most of the gain,
                and the English domains help one another, so the best mean and the best worst case sit well inside
                the line."
            </p>
        </div>
    }
}
