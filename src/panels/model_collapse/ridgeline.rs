//! One row per generation: the histogram of what that generation trained on (filled) and the
//! density it fitted (line), stacked from generation 0 at the top, with the real density as a
//! dashed line in every row. Long runs show every k-th generation and always the newest.

use super::gmm::{spaced, MixtureGeneration, HIST};
use super::mixture::Mixture;
use crate::components::chart::spoken;
use crate::components::chart::svg_png::svg_tools;
use leptos::prelude::*;

const W: f64 = 800.0;
const ROW: f64 = 30.0;
const LEFT: f64 = 52.0;
const PAD: f64 = 8.0;
/// Height of the value axis under the rows.
const AXIS: f64 = 32.0;
/// Rows drawn at most.
pub const MAX_ROWS: usize = 14;

fn x_of(v: f64) -> f64 {
    LEFT + (v - HIST.0) / (HIST.1 - HIST.0) * (W - LEFT - PAD)
}

fn path(points: impl Iterator<Item = (f64, f64)>) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.enumerate() {
        d.push_str(&format!("{}{x:.1},{y:.1} ", if i == 0 { "M" } else { "L" }));
    }
    d
}

/// The stacked histograms.
#[component]
pub fn Ridgeline(
    /// Finished generations.
    #[prop(into)]
    gens: Signal<Vec<MixtureGeneration>>,
) -> impl IntoView {
    let real = Mixture::real();
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let (summary_id, tools) = svg_tools(svg, "model-collapse-generations.png", move || {
        gens.with(|gs| match (gs.first(), gs.last()) {
            (Some(first), Some(last)) => format!(
                "{} generations. The real density's σ is {}; generation 0 fitted σ = {}, generation {} fitted σ = {}.",
                gs.len(),
                spoken(Mixture::real().std()),
                spoken(first.fitted.std()),
                gs.len() - 1,
                spoken(last.fitted.std())
            ),
            _ => "No generation yet.".into(),
        })
    });
    let peak = (0..400).map(|i| real.density(HIST.0 + (HIST.1 - HIST.0) * f64::from(i) / 400.0)).fold(0.0, f64::max);
    let body = move || {
        let gs = gens.get();
        let shown = spaced(gs.len(), MAX_ROWS);
        let axis_y = PAD + ROW * shown.len().max(1) as f64;
        // Room below the last row for the value axis's numbers.
        let height = axis_y + AXIS;
        // Densities are drawn to a common scale: 2.5 times the real peak fills a row (a collapsed
        // spike is clipped, not rescaled, so rows stay comparable).
        let scale = ROW * 0.95 / (2.5 * peak);
        let (lo, hi, bins) = HIST;
        let width = (hi - lo) / bins as f64;
        let rows_view = shown
            .iter()
            .enumerate()
            .map(|(r, &g)| {
                let base = PAD + ROW * (r as f64 + 1.0);
                let y = move |d: f64| base - (d * scale).min(ROW * 1.2);
                let gen = &gs[g];
                let bars = gen.hist.iter().enumerate().map(|(i, &d)| {
                    let x0 = x_of(lo + i as f64 * width);
                    [(x0, y(d)), (x_of(lo + (i + 1) as f64 * width), y(d))]
                });
                let hist = format!("{}L{:.1},{base:.1} L{:.1},{base:.1} Z", path(bars.flatten()), x_of(hi), x_of(lo));
                let curve = |m: &Mixture| {
                    path((0..=200).map(|i| {
                        let v = lo + (hi - lo) * f64::from(i) / 200.0;
                        (x_of(v), y(m.density(v)))
                    }))
                };
                view! {
                    <g class="ridge-row" data-generation=g>
                        <text x=4.0 y=base - 4.0 class="ridge-label">{format!("gen {g}")}</text>
                        <path d=hist class="ridge-hist" />
                        <path d=curve(&real) class="ridge-real" />
                        <path d=curve(&gen.fitted) class="ridge-fit" />
                    </g>
                }
            })
            .collect_view();
        view! {
            <svg node_ref=svg viewBox=format!("0 0 {W} {height}") class="ridgeline-svg" role="img" aria-label="Histogram of each generation's training data, with its fitted density" aria-describedby=summary_id.clone()>
                {rows_view}
                <line x1=LEFT x2=W - PAD y1=axis_y y2=axis_y class="axis" />
                {(-2..=4).map(|i| {
                    let v = f64::from(2 * i);
                    view! {
                        <line x1=x_of(v) x2=x_of(v) y1=axis_y y2=axis_y + 5.0 class="axis" />
                        <text x=x_of(v) y=axis_y + 24.0 text-anchor="middle" class="ridge-label">{format!("{v:.0}").replace('-', "−")}</text>
                    }
                }).collect_view()}
                <text x=LEFT - 12.0 y=axis_y + 24.0 text-anchor="end" class="ridge-label">"x"</text>
            </svg>
        }
    };
    view! {
        <figure class="chart ridgeline">
            <figcaption>"Each generation's training data (filled), the mixture it fitted (line) and the real density (dashed); generation 0 at the top"</figcaption>
            {body}
            {tools}
        </figure>
    }
}
