//! The explanation beside panel 08, with its formulas.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn PretrainExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "Pre-training is next-token prediction on raw text, at every position at once. A decoder-only
                transformer (token and position embeddings, pre-LayerNorm blocks of causal self-attention and a GELU
                MLP, as in GPT-2 and nanoGPT) reads a window of T tokens and, at each position t, gives a distribution
                over the next token. The loss is the mean cross-entropy over the B·T positions of a batch:"
            </p>
            <Formula block=true tex=r"L = -\frac{1}{BT} \sum_{b=1}^{B} \sum_{t=1}^{T} \ln p_\theta(x_{b,t+1} \mid x_{b,1:t})" />
            <p>
                "The tokenizer is a byte-pair encoding (Sennrich et al. 2016) trained here on the training text: start
                from the characters, and repeatedly merge the most frequent adjacent pair into a new token until the
                vocabulary has V tokens. At V = 39 there are no merges, and the model reads characters."
            </p>
            <p>
                "A loss in nats per token depends on the tokenizer: a bigger vocabulary packs more characters into a
                token, and each token is harder to guess. Bits per character put every tokenizer on one scale, with L the
                held-out loss in nats per token:"
            </p>
            <Formula block=true tex=r"\text{bits per character} = \frac{L}{\ln 2} \cdot \frac{\text{tokens}}{\text{characters}}" />
            <p>
                "The reference lines are the corpus's own entropies. The unigram entropy H(X) = −Σ p(x) ln p(x) is the
                best loss of a model that ignores context. The bigram entropy H(Xₜ | Xₜ₋₁) is the best loss of a
                model that sees only the previous token. A transformer that falls below the bigram line has learned
                to use more context than one token."
            </p>
            <p>
                "Compute is counted with Kaplan et al. (2020)'s estimate: a forward and backward pass costs about 6
                floating-point operations per parameter per token, with N the non-embedding parameters and D the
                training tokens seen:"
            </p>
            <Formula block=true tex=r"C \approx 6 N D" />
            <p>
                "The optimizer is AdamW (weight decay 0.1) with a linear warm-up to the peak rate, then cosine decay to
                a tenth of it (panel 04's schedule, Burn's schedulers). The samples are drawn on the training device:
                a batch of continuations grows one token at a time, and only the finished tokens are read back."
            </p>
            <p>
                "Real pre-training sees most of its text once. Here the ten chapters of Moby-Dick are about 38 k tokens
                at V = 512, so the default run passes over them about 11 times (the readout counts the passes), and the
                gap that opens between the training and held-out curves is memorisation. The State of the Union text is
                2.6 times longer."
            </p>
            <p>
                "Things to try. Set the vocabulary to 39 (characters): samples take longer to form words, and the
                loss per token is far lower, but bits per character end higher than with the default 512. Drop to one
                layer and width 32: the run is faster and ends higher. Type a prompt and watch the next-token list
                sharpen as training goes on."
            </p>
        </div>
    }
}
