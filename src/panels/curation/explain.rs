//! The explanation beside panel 09, with its formulas.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn CurationExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "A web crawl is mostly not good text. Here a small crawl is built from passages of Moby-Dick and the
                State of the Union addresses, with noise added at the share the slider sets: exact copies (one
                passage copied dozens of times), near-copies (boilerplate and passages with a few words changed),
                real spam e-mails from the SpamAssassin corpus, and low-quality text (keyboard mash, symbol soup,
                repeated lines, fragments). Every document keeps its true kind, so each stage's precision (of what
                it dropped, the share it should have) and recall (of what it should drop, the share it did) are
                measured, as FineWeb's report draws its funnel."
            </p>
            <p>
                "Near-duplicates are found with MinHash (Broder 1997): a document becomes its set of word 5-grams,
                and for each of K = b·r hash functions h the minimum over the set is kept. Two documents agree on one
                minimum with probability equal to their Jaccard similarity:"
            </p>
            <Formula block=true tex=r"P\left[\min h(A) = \min h(B)\right] = J(A, B)" />
            <Formula block=true tex=r"J(A, B) = \frac{|A \cap B|}{|A \cup B|}" />
            <p>
                "Locality-sensitive hashing cuts the K minima into b bands of r rows and makes two documents a
                candidate pair when a whole band matches, which turns similarity into an S-shaped chance of being
                caught (Leskovec et al., Mining of Massive Datasets, ch. 3):"
            </p>
            <Formula block=true tex=r"P(\text{candidate}) = 1 - \left(1 - s^{r}\right)^{b}" />
            <p>
                "The quality rules follow Gopher (Rae et al. 2021): at least 50 words, mean word length 3 to 10,
                at most 0.1 punctuation runs per word, at least 80% of words with a letter, at least two of
                the, be, to, of, and, that, have, with, and at most 30% repeated lines. The classifier is
                logistic regression over hashed word unigrams and bigrams, trained to tell held-out reference
                text from the raw crawl, as GPT-3 filtered Common Crawl; documents scored below the threshold
                are dropped."
            </p>
            <p>
                "The payoff trains the same two-block character transformer for the same steps on the raw and the
                curated crawl and scores both on the same held-out clean text. At the default noise share of 75% the
                curated run usually ends lower, but by a few hundredths of a nat and not on every seed: a model this
                small is still learning spelling, which spam teaches too. Lower the noise and the gap closes. What
                shows on every seed is memorisation: the passage copied dozens of times ends at a lower loss than
                passages seen once, although it starts higher."
            </p>
        </div>
    }
}
