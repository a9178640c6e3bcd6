//! The explanation beside panel 03, with Adam's and AdamW's update rules.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn AdamExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "Five optimisers start from the same point on the same surface. Each is Burn's own optimiser moving a
                two-parameter model θ = (x, y). Plain gradient descent steps along −η∇f. Momentum accumulates past
                gradients, so it keeps rolling along a valley floor. RMSprop divides each coordinate's step by a running
                root-mean-square of its gradients. Adam (Kingma & Ba 2015) does both:"
            </p>
            <Formula block=true tex=r"m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t" />
            <Formula block=true tex=r"v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2" />
            <Formula block=true tex=r"\hat m_t = \frac{m_t}{1-\beta_1^t}, \quad \hat v_t = \frac{v_t}{1-\beta_2^t}" />
            <Formula block=true tex=r"\theta_t = \theta_{t-1} - \eta \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}" />
            <p>
                "Because m and v start at zero, early averages are too small; the hats undo that bias. The two lower
                charts follow coordinate x of the Adam racer: at step 1 the corrected step is exactly η, whatever the
                gradient's size, while the uncorrected ratio m/√v would be (1 − β₁)/√(1 − β₂) ≈ 3.2 times larger at the
                default β. On the narrow quadratic, η must stay below 2/κ for SGD to be stable across the valley, so it
                crawls along the valley floor; momentum builds up speed there, and Adam's per-coordinate scaling takes
                steps of about η in both directions. Raise η above 0.05 and SGD starts to zig-zag across the valley. Raise η until a racer leaves the chart: it is marked diverged and frozen, and
                the others keep going."
            </p>
            <p>
                "Weight decay can enter Adam in two ways. Adam + L2 adds λθ to the gradient, which then passes through
                the division by √v̂. AdamW (Loshchilov & Hutter, ICLR 2019) decays the weights directly:"
            </p>
            <p>"Adam + L2, before the moments are updated:"</p>
            <Formula block=true tex=r"g_t \leftarrow g_t + \lambda \theta_{t-1}" />
            <p>"AdamW, after Adam's step:"</p>
            <Formula block=true tex=r"\theta_t \leftarrow \theta_t - \eta \lambda \theta_{t-1}" />
            <p>
                "With L2 in Adam, a weight whose loss gradient is small sees its decay term divided by a small √v̂, and is
                pulled to zero at almost the full rate η per step. AdamW shrinks every weight by the same factor
                (1 − ηλ). The lower panel trains the same network both ways at the same λ. At the default λ = 0.01 the
                difference is stark: Adam + L2 holds the weights near ‖θ‖ ≈ 2 and does not fit the spiral at all (its
                loss stays at ln 2 ≈ 0.69, a coin toss), while AdamW grows them to ≈ 30 and fits it. Set λ to 0 and the two runs coincide exactly."
            </p>
        </div>
    }
}
