//! The single prediction as bars: logits the reader drags up and down, and the softmax
//! probabilities they give, with the target token marked.

use super::params::{LABELS, LOGIT_MAX};
use crate::components::chart::spoken;
use crate::components::chart::svg_png::svg_tools;
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
    // The keyboard: ← → choose a bar (the target first), ↑ ↓ move it by 0.5 (Page keys by 2).
    let chosen = RwSignal::new(None::<usize>);
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let zs = logits.get_untracked();
        let last = zs.len().saturating_sub(1);
        let k = chosen.get_untracked().unwrap_or_else(|| target.get_untracked()).min(last);
        let step = match ev.key().as_str() {
            "ArrowLeft" => return keyed(&ev, || chosen.set(Some(k.saturating_sub(1)))),
            "ArrowRight" => return keyed(&ev, || chosen.set(Some((k + 1).min(last)))),
            "ArrowUp" => 0.5,
            "ArrowDown" => -0.5,
            "PageUp" => 2.0,
            "PageDown" => -2.0,
            _ => return,
        };
        let z = (zs.get(k).copied().unwrap_or(0.0) + step).clamp(-LOGIT_MAX, LOGIT_MAX);
        keyed(&ev, || {
            chosen.set(Some(k));
            on_set.run((k, (z * 10.0).round() / 10.0));
        });
    };
    let summary = move || {
        let (zs, t) = (logits.get(), target.get());
        let chosen = chosen.get().map(|k| format!(" Chosen: token {}.", label(k))).unwrap_or_default();
        format!("Logits: {}.{chosen}", listing(&zs, t))
    };
    let (summary_id, tools) = svg_tools(svg, "logits.png", summary);
    view! {
        <figure class="chart bars">
            <figcaption>"Logits z (drag a bar up or down, or focus it and use the arrow keys)"</figcaption>
            <svg
                node_ref=svg
                viewBox=format!("0 0 {W} {}", H + BELOW)
                class="bars-svg draggable"
                role="group"
                tabindex="0"
                aria-label="Logits, one bar per token: drag a bar, or press left and right to choose a token and up and down to change its logit"
                aria-describedby=summary_id
                on:pointerdown=move |ev| pick(ev, true)
                on:pointermove=move |ev| pick(ev, false)
                on:keydown=on_key
                on:blur=move |_| chosen.set(None)
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
                                <rect x=x y=y0 width=w height=(y1 - y0).max(0.5) class=class class:chosen=move || chosen.get() == Some(k)>
                                    <title>{format!("token {}: z = {z:.2}", label(k))}</title>
                                </rect>
                                {letter(k, v, t, H + 14.0)}
                            }
                        })
                        .collect_view()
                }}
            </svg>
            {tools}
        </figure>
    }
}

/// Runs `f` for a key the chart handles, and keeps the key from scrolling the page.
fn keyed(ev: &web_sys::KeyboardEvent, f: impl FnOnce()) {
    ev.prevent_default();
    f();
}

/// Each token's value, the target marked: "a 1, b 2.5 (the target), …".
fn listing(values: &[f64], target: usize) -> String {
    let each = values.iter().enumerate().map(|(k, &v)| {
        let mark = if k == target { " (the target)" } else { "" };
        format!("{} {}{mark}", label(k), spoken(v))
    });
    each.collect::<Vec<_>>().join(", ")
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
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let (summary_id, tools) =
        svg_tools(svg, "probabilities.png", move || format!("Probabilities: {}.", listing(&probs.get(), target.get())));
    view! {
        <figure class="chart bars">
            <figcaption>"Probabilities p = softmax(z / T); the target token is highlighted"</figcaption>
            <svg node_ref=svg viewBox=format!("0 0 {W} {}", H + BELOW) class="bars-svg" role="img" aria-label="Softmax probabilities, one bar per token" aria-describedby=summary_id>
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
            {tools}
        </figure>
    }
}
