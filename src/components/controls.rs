//! Labelled, keyboard-operable controls: [`Slider`] (optionally log-scale, with a numeric readout),
//! [`Select`], [`Toggle`], [`SeedInput`], [`PlayControls`] and [`Progress`]. Each takes a value
//! signal and a callback, so a panel decides what a change means; `name` (the parameter's URL key)
//! becomes `data-control`, which the embed tests read.

use crate::engine::job::Status;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

fn fresh_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

/// Formats a number for a readout: 3 significant digits, scientific when tiny or huge.
pub fn fmt_num(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 {
        "0".into()
    } else if !(1e-3..1e5).contains(&a) {
        format!("{v:.2e}")
    } else {
        let digits = (2 - a.log10().floor() as i32).max(0) as usize;
        format!("{v:.digits$}")
    }
}

/// A range input with a label and a readout. With `log`, the thumb moves in log₁₀ space.
#[component]
pub fn Slider(
    /// The parameter's URL key (`data-control`).
    #[prop(optional)]
    name: Option<&'static str>,
    /// Visible label, also the accessible name.
    label: &'static str,
    /// Smallest value.
    min: f64,
    /// Largest value.
    max: f64,
    /// Step in value space (ignored when `log`).
    #[prop(default = 1.0)]
    step: f64,
    /// Log scale.
    #[prop(optional)]
    log: bool,
    /// Whole numbers: the readout shows no decimals (a log slider's value is rounded by the caller).
    #[prop(optional)]
    whole: bool,
    /// Current value.
    #[prop(into)]
    value: Signal<f64>,
    /// Called with the new value (already clamped to `[min, max]`).
    on_change: Callback<f64>,
) -> impl IntoView {
    let id = fresh_id("slider");
    let to_pos = move |v: f64| if log { v.max(min).log10() } else { v };
    let from_pos = move |p: f64| (if log { 10f64.powf(p) } else { p }).clamp(min, max);
    // Whole-number sliders read as integers; the rest with three significant digits.
    let shown = move || {
        let v = value.get();
        if whole || (!log && step >= 1.0) {
            format!("{v:.0}")
        } else {
            fmt_num(v)
        }
    };
    let (lo, hi, st) = if log { (min.log10(), max.log10(), 0.01) } else { (min, max, step) };
    view! {
        <div class="control slider" data-control=name>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="range"
                min=lo
                max=hi
                step=st
                prop:value=move || to_pos(value.get()).to_string()
                aria-valuetext=shown
                on:input=move |ev| {
                    if let Ok(p) = event_target_value(&ev).parse::<f64>() {
                        on_change.run(from_pos(p));
                    }
                }
            />
            <output class="readout">{shown}</output>
        </div>
    }
}

/// A labelled `<select>`; `options` are `(key, label)` pairs.
#[component]
pub fn Select(
    /// The parameter's URL key (`data-control`).
    #[prop(optional)]
    name: Option<&'static str>,
    /// Visible label.
    label: &'static str,
    /// `(key, label)` pairs.
    options: Vec<(String, String)>,
    /// Selected key.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the chosen key.
    on_change: Callback<String>,
) -> impl IntoView {
    let id = fresh_id("select");
    view! {
        <div class="control select" data-control=name>
            <label for=id.clone()>{label}</label>
            <select id=id prop:value=move || value.get() on:change=move |ev| on_change.run(event_target_value(&ev))>
                {options
                    .into_iter()
                    .map(|(k, l)| {
                        let key = k.clone();
                        view! { <option value=k selected=move || value.with(|v| *v == key)>{l}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A labelled checkbox.
#[component]
pub fn Toggle(
    /// The parameter's URL key (`data-control`).
    #[prop(optional)]
    name: Option<&'static str>,
    /// Visible label.
    label: &'static str,
    /// Checked.
    #[prop(into)]
    value: Signal<bool>,
    /// Called with the new state.
    on_change: Callback<bool>,
) -> impl IntoView {
    let id = fresh_id("toggle");
    view! {
        <div class="control toggle" data-control=name>
            <input id=id.clone() type="checkbox" prop:checked=move || value.get() on:change=move |ev| on_change.run(event_target_checked(&ev)) />
            <label for=id>{label}</label>
        </div>
    }
}

/// The seed of a run: any whole number from 0 to 2³² − 1, typed, or a fresh one at random.
#[component]
pub fn SeedInput(
    /// The parameter's URL key (`data-control`).
    #[prop(optional)]
    name: Option<&'static str>,
    /// Largest seed.
    max: u64,
    /// Current seed.
    #[prop(into)]
    value: Signal<f64>,
    /// Called with the new seed (the caller clamps it).
    on_change: Callback<f64>,
) -> impl IntoView {
    let id = fresh_id("seed");
    let fresh = move |_| on_change.run((js_sys::Math::random() * (max as f64 + 1.0)).floor());
    view! {
        <div class="control seed" data-control=name>
            <label for=id.clone()>"Seed"</label>
            <input
                id=id
                type="number"
                min=0
                max=max
                step=1
                inputmode="numeric"
                prop:value=move || format!("{:.0}", value.get())
                on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                        on_change.run(v);
                    }
                }
            />
            <button type="button" on:click=fresh>"New seed"</button>
        </div>
    }
}

/// The four run controls of a panel, each applied to every job of its group.
#[derive(Clone, Copy)]
pub struct Actions {
    /// Start or resume.
    pub play: Callback<()>,
    /// Pause.
    pub pause: Callback<()>,
    /// One inspected step.
    pub step: Callback<()>,
    /// Start over.
    pub reset: Callback<()>,
}

/// Play / Pause / Step / Reset for a job.
#[component]
pub fn PlayControls(
    /// The job's state.
    #[prop(into)]
    status: Signal<Status>,
    /// Play, Pause, Step and Reset.
    actions: Actions,
) -> impl IntoView {
    let Actions { play: on_play, pause: on_pause, step: on_step, reset: on_reset } = actions;
    let running = move || status.get() == Status::Running;
    let finished = move || matches!(status.get(), Status::Done | Status::Diverged);
    view! {
        <div class="play-controls" role="group" aria-label="Training controls">
            <button on:click=move |_| on_play.run(()) disabled=move || running() || finished()>"Play"</button>
            <button on:click=move |_| on_pause.run(()) disabled=move || !running()>"Pause"</button>
            <button
                on:click=move |_| on_step.run(())
                disabled=finished
                title=move || if finished() { "This run has ended: Reset to step through it again" } else { "One step, with its inner numbers" }
            >
                "Step"
            </button>
            <button on:click=move |_| on_reset.run(())>"Reset"</button>
            <span class=move || format!("status status-{}", status.get().as_str())>
                {move || match status.get() {
                    // After Reset too: say what to do, not just that nothing happens.
                    Status::Idle => "Ready: press Play or Step",
                    Status::Running => "Running",
                    Status::Paused => "Paused",
                    Status::Diverged => "Diverged",
                    Status::Done => "Done: every step run (Reset to start again)",
                }}
            </span>
        </div>
    }
}

/// A remaining time in words: "12 s", "3 min", "1.5 h".
pub fn fmt_eta(seconds: f64) -> String {
    if seconds < 90.0 {
        format!("{:.0} s", seconds.max(1.0))
    } else if seconds < 5400.0 {
        format!("{:.0} min", seconds / 60.0)
    } else {
        format!("{:.1} h", seconds / 3600.0)
    }
}

/// Progress through a run's step budget, with the step rate and the time left at that rate.
#[component]
pub fn Progress(
    /// Steps done.
    #[prop(into)]
    done: Signal<u64>,
    /// Step budget.
    #[prop(into)]
    total: Signal<u64>,
    /// Steps per second (0 when unknown).
    #[prop(into)]
    rate: Signal<f64>,
) -> impl IntoView {
    view! {
        <div class="progress">
            <progress max=move || total.get() as f64 value=move || done.get() as f64 aria-label="Training progress"></progress>
            <span>
                {move || format!("{} of {} steps", done.get(), total.get())}
                {move || {
                    let r = rate.get();
                    (r > 0.0).then(|| format!(" · {} steps/s", fmt_num(r)))
                }}
                {move || {
                    let (r, left) = (rate.get(), total.get().saturating_sub(done.get()));
                    (r > 0.0 && left > 0).then(|| format!(" · {} left", fmt_eta(left as f64 / r)))
                }}
            </span>
        </div>
    }
}

/// Controls that fold away on a narrow screen: open when the page first renders in a window wider
/// than 760 px, closed to one line below that, so that a panel whose controls sit above its charts
/// still shows its first chart on the first screen. The reader opens it with one tap.
#[component]
pub fn Fold(
    /// What the folded line says.
    summary: &'static str,
    /// The controls.
    children: Children,
) -> impl IntoView {
    let width = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64());
    let wide = width.is_none_or(|w| w > 760.0);
    view! {
        <details class="fold" open=wide>
            <summary>{summary}</summary>
            <div class="fold-body">{children()}</div>
        </details>
    }
}
