//! The single prediction as bars: logits the reader drags up and down, and the softmax
//! probabilities they give, with the target token marked.

use super::params::{LABELS, LOGIT_MAX};
use leptos::prelude::*;

const W: f64 = 600.0;
const H: f64 = 180.0;
const PAD: f64 = 14.0;
/// Room on the left for the scale's numbers.
const LEFT: f64 = 34.0;
/// Room below the bars for the token letters.
const BELOW: f64 = 22.0;

/// Token letters under bar `k` of `v`: all of them up to 24 tokens, then every few (and the target).
fn letter(k: usize, v: usize, target: usize, baseline: f64) -> Option<impl IntoView> {
    let every = v.div_ceil(24);
    let (x, w) = bar_x(k, v);
    (k.is_multiple_of(every) || k == target).then(|| {
        let class = if k == target { "tick target-tick" } else { "tick" };
        view! { <text x=x + w / 2.0 y=baseline text-anchor="middle" class=class>{label(k)}</text> }
    })
}

fn label(k: usize) -> String {
    LABELS.chars().nth(k).map(String::from).unwrap_or_else(|| k.to_string())
}

fn bar_x(k: usize, v: usize) -> (f64, f64) {
    let slot = (W - LEFT - PAD) / v as f64;
    (LEFT + k as f64 * slot + slot * 0.15, slot * 0.7)
}

/// Draggable logit bars: pressing or dragging over bar k sets its logit to the pointer's height.
#[component]
pub fn LogitBars(
    /// The logits.
    #[prop(into)]
    logits: Signal<Vec<f64>>,
    /// The target token.
    #[prop(into)]
    target: Signal<usize>,
    /// Called with (token, new logit).
    on_set: Callback<(usize, f64)>,
) -> impl IntoView {
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let y_of = |z: f64| H / 2.0 - z / LOGIT_MAX * (H / 2.0 - PAD);
    let pick = move |ev: web_sys::PointerEvent, pressed: bool| {
        if !pressed && ev.buttons() == 0 {
            return;
        }
        let Some(el) = svg.get_untracked() else { return };
        let el: &web_sys::Element = &el;
        let (cw, ch) = (f64::from(el.client_width()), f64::from(el.client_height()));
        if cw <= 0.0 || ch <= 0.0 {
            return;
        }
        ev.prevent_default();
        let (x, y) = (f64::from(ev.offset_x()) * W / cw, f64::from(ev.offset_y()) * (H + BELOW) / ch);
        let v = logits.with_untracked(Vec::len);
        let k = (((x - LEFT) / ((W - LEFT - PAD) / v as f64)).floor().max(0.0) as usize).min(v - 1);
        let z = ((H / 2.0 - y) / (H / 2.0 - PAD) * LOGIT_MAX).clamp(-LOGIT_MAX, LOGIT_MAX);
        on_set.run((k, (z * 10.0).round() / 10.0));
    };
    view! {
        <figure class="chart bars">
            <figcaption>"Logits z (drag a bar up or down)"</figcaption>
            <svg
                node_ref=svg
                viewBox=format!("0 0 {W} {}", H + BELOW)
                class="bars-svg draggable"
                role="img"
                aria-label="Logits, one bar per token; drag to change"
                on:pointerdown=move |ev| pick(ev, true)
                on:pointermove=move |ev| pick(ev, false)
            >
                <line x1=LEFT x2=W - PAD y1=H / 2.0 y2=H / 2.0 class="axis" />
                // The scale: z = +max, 0 and −max.
                {[LOGIT_MAX, 0.0, -LOGIT_MAX].map(|z| view! {
                    <text x=LEFT - 6.0 y=y_of(z) + 6.0 text-anchor="end" class="tick">{format!("{z:.0}").replace('-', "−")}</text>
                })}
                {move || {
                    let zs = logits.get();
                    let t = target.get();
                    let v = zs.len();
                    zs.iter()
                        .enumerate()
                        .map(|(k, &z)| {
                            let (x, w) = bar_x(k, v);
                            let (y0, y1) = (y_of(z.max(0.0)), y_of(z.min(0.0)));
                            let class = if k == t { "bar target" } else { "bar" };
                            view! {
                                <rect x=x y=y0 width=w height=(y1 - y0).max(0.5) class=class>
                                    <title>{format!("token {}: z = {z:.2}", label(k))}</title>
                                </rect>
                                {letter(k, v, t, H + 14.0)}
                            }
                        })
                        .collect_view()
                }}
            </svg>
        </figure>
    }
}

/// Probability bars with token labels; the target's bar is highlighted.
#[component]
pub fn ProbBars(
    /// softmax(z / T).
    #[prop(into)]
    probs: Signal<Vec<f64>>,
    /// The target token.
    #[prop(into)]
    target: Signal<usize>,
) -> impl IntoView {
    view! {
        <figure class="chart bars">
            <figcaption>"Probabilities p = softmax(z / T); the target token is highlighted"</figcaption>
            <svg viewBox=format!("0 0 {W} {}", H + BELOW) class="bars-svg" role="img" aria-label="Softmax probabilities, one bar per token">
                <line x1=LEFT x2=W - PAD y1=H - PAD y2=H - PAD class="axis" />
                // The scale: p = 1 at the top, 0 at the axis.
                <text x=LEFT - 6.0 y=PAD + 6.0 text-anchor="end" class="tick">"1"</text>
                <text x=LEFT - 6.0 y=H - PAD + 6.0 text-anchor="end" class="tick">"0"</text>
                {move || {
                    let ps = probs.get();
                    let t = target.get();
                    let v = ps.len();
                    ps.iter()
                        .enumerate()
                        .map(|(k, &p)| {
                            let (x, w) = bar_x(k, v);
                            let h = p.clamp(0.0, 1.0) * (H - 2.0 * PAD);
                            let class = if k == t { "bar target" } else { "bar prob" };
                            view! {
                                <rect x=x y=H - PAD - h width=w height=h.max(0.5) class=class>
                                    <title>{format!("token {}: p = {p:.4}", label(k))}</title>
                                </rect>
                                {letter(k, v, t, H + 10.0)}
                            }
                        })
                        .collect_view()
                }}
            </svg>
        </figure>
    }
}
