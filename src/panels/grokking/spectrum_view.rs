//! The embedding's Fourier spectrum as bars, one per frequency k, with the λ = 0 run's spectrum as
//! outlined ghost bars behind when it is trained too, and the strongest frequencies labelled.

use super::spectrum::Spectrum;
use crate::components::chart::svg_png::svg_tools;
use crate::components::controls::fmt_num;
use leptos::prelude::*;

const W: f64 = 600.0;
const H: f64 = 170.0;
const PAD: f64 = 16.0;
/// Frequencies labelled.
const KEYS: usize = 5;

/// The bars.
#[component]
pub fn SpectrumBars(
    /// The decayed run's spectrum.
    #[prop(into)]
    main: Signal<Option<Spectrum>>,
    /// The λ = 0 run's spectrum, if trained.
    #[prop(into)]
    ghost: Signal<Option<Spectrum>>,
) -> impl IntoView {
    let bars = move || {
        let (m, g) = (main.get(), ghost.get());
        let n = m.as_ref().map(|s| s.power.len()).unwrap_or(0);
        if n == 0 {
            return ().into_any();
        }
        let top = m.iter().chain(g.iter()).flat_map(|s| s.power.iter().copied()).fold(1e-9, f64::max);
        let slot = (W - 2.0 * PAD) / n as f64;
        let y = |v: f64| H - PAD - v / top * (H - 2.0 * PAD);
        let keys = m.as_ref().map(|s| s.key_frequencies(KEYS)).unwrap_or_default();
        let ghosts = g.map(|s| {
            s.power
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let x = PAD + i as f64 * slot + slot * 0.1;
                    view! { <rect x=x y=y(v) width=slot * 0.8 height=(H - PAD - y(v)).max(0.5) class="bar ghost" /> }
                })
                .collect_view()
        });
        let mains = m.map(|s| {
            s.power
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let k = i + 1;
                    let x = PAD + i as f64 * slot + slot * 0.25;
                    let key = keys.contains(&k);
                    view! {
                        <rect x=x y=y(v) width=slot * 0.5 height=(H - PAD - y(v)).max(0.5) class=if key { "bar target" } else { "bar" }>
                            <title>{format!("frequency {k}: {}% of the power", fmt_num(100.0 * v))}</title>
                        </rect>
                        {key.then(|| view! { <text x=x + slot * 0.25 y=y(v) - 3.0 class="bar-label" text-anchor="middle">{k}</text> })}
                    }
                })
                .collect_view()
        });
        view! { {ghosts} {mains} }.into_any()
    };
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let (summary_id, tools) = svg_tools(svg, "grokking-spectrum.png", move || {
        let Some(s) = main.get() else { return "Nothing drawn yet.".into() };
        let keys = s.key_frequencies(KEYS);
        let each: Vec<String> = keys
            .iter()
            .filter_map(|&k| s.power.get(k - 1).map(|v| format!("k = {k}: {}%", fmt_num(100.0 * v))))
            .collect();
        format!("Strongest frequencies, with their share of the power: {}.", each.join("; "))
    });
    view! {
        <figure class="chart bars">
            <figcaption>"What the model learned: power of each frequency k in the token embedding (labels: the 5 strongest; outlines: the λ = 0 run)"</figcaption>
            <svg node_ref=svg viewBox=format!("0 0 {W} {H}") class="bars-svg" role="img" aria-label="Fourier spectrum of the embedding" aria-describedby=summary_id>
                <line x1=PAD x2=W - PAD y1=H - PAD y2=H - PAD class="axis" />
                {bars}
            </svg>
            {tools}
        </figure>
    }
}
