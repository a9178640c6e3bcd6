//! The explanation beside panel 04, with the schedules' formulas.

use crate::components::formula::Formula;
use leptos::prelude::*;

/// What the panel shows.
#[component]
pub fn ScheduleExplanation() -> impl IntoView {
    view! {
        <div class="explain">
            <p>
                "The learning rate η need not stay fixed. Both runs train the same network (2→32→32→32→2, tanh) on the same
                spiral with Adam, from the same initial weights. Only the schedule η(t) differs. The first chart is
                each schedule computed from its formula; the second is the two trainings, live."
            </p>
            <p>"Cosine decay from the peak P to the floor m over T steps (Loshchilov & Hutter, SGDR):"</p>
            <Formula block=true tex=r"\eta(t) = m + \frac{1}{2}(P - m)\left(1 + \cos \frac{\pi t}{T}\right)" />
            <p>"Linear warmup over the first W steps, used by warmup + cosine and by WSD:"</p>
            <Formula block=true tex=r"\eta(t) = P \, \frac{t + 1}{W}, \quad t < W" />
            <p>"The inverse-square-root schedule of the original Transformer (Vaswani et al. 2017):"</p>
            <Formula block=true tex=r"\eta(t) = P \min\left(\sqrt{\frac{W}{t+1}}, \frac{t+1}{W}\right)" />
            <p>
                "Warmup–stable–decay (Hägele et al. 2024) holds the peak and then decays linearly over the last 20% of
                the run. Because the decay comes last, one long run can be stopped early with a short cooldown. Choose it
                for run B: at this peak its long stretch at full rate is on the edge of what the network tolerates, and
                on some seeds the loss spikes again in the middle of the run."
            </p>
            <p>
                "Things to try. At the default peak of 0.1, Adam's first updates are full-sized (each weight moves by
                about η whatever its gradient's scale), and run A, constant without warm-up, is thrown to about three
                times its starting loss in its first few steps; run B ramps up over 100 steps and never rises above its
                start, and its cosine decay ends it several times lower than A. Lower the peak to 0.03: no spike, and the constant run often ends lowest, so warm-up is only worth
                it near the largest rate the network tolerates. Raise it to 0.3: on most seeds both runs end stuck near
                ln 2 ≈ 0.69, the loss of a coin toss; warm-up delays the damage but cannot make every rate safe."
            </p>
        </div>
    }
}
