//! Panel 14's view: (a + b) mod p trained live with AdamW, beside the same model at λ = 0;
//! accuracy, loss and weight norm on a log step axis, and the embedding's Fourier spectrum.

use super::experiment::NODECAY;
use super::params::{GrokParams, FRAC_RANGE, HIDDEN_KEYS, LR_RANGE, PRIME_KEYS, STEPS_RANGE, WD_RANGE};
use super::runs::factory;
use super::spectrum::Spectrum;
use super::spectrum_view::SpectrumBars;
use crate::components::chart::line::{Corner, Line, LineChart, Style};
use crate::components::controls::{fmt_num, PlayControls, Progress, Select, Slider, Toggle};
use crate::components::panel_frame::PanelFrame;
use crate::engine::group::JobGroup;
use crate::engine::job::Status;
use crate::engine::metrics::Metrics;
use crate::kit::hooks::{
    current_slug, device, group_actions, on_tick, update_params, use_jobs, use_url_params, StepRate, UrlStart,
};
use leptos::prelude::*;

/// The decayed run's `name` solid, the λ = 0 run's dashed, both in palette colour `color`.
fn pair(m: &Metrics, name: &str, color: usize) -> [Line; 2] {
    [
        Line::from_metrics(m, name).color(color),
        Line::from_metrics(m, &format!("{NODECAY}{name}")).color(color).style(Style::Reference),
    ]
}

/// The first step at which series `name` reaches `level`.
fn first_reaching(m: &Metrics, name: &str, level: f64) -> Option<u64> {
    m.get(name)?.points.iter().find(|p| p.1 >= level).map(|p| p.0)
}

/// What the readouts show, from the metrics.
#[derive(Clone, Debug, PartialEq, Default)]
struct Summary {
    train_acc: Option<f64>,
    val_acc: Option<f64>,
    norm: Option<f64>,
    memorised: Option<u64>,
    generalised: Option<u64>,
    nodecay_val: Option<f64>,
}

fn summary(m: &Metrics) -> Summary {
    let last = |n: &str| m.get(n).and_then(|s| s.last_value());
    Summary {
        train_acc: last("train_acc"),
        val_acc: last("val_acc"),
        norm: last("weight_norm"),
        memorised: first_reaching(m, "train_acc", 0.99),
        generalised: first_reaching(m, "val_acc", 0.9),
        nodecay_val: last(&format!("{NODECAY}val_acc")),
    }
}

/// The panel.
#[component]
pub fn GrokPanel() -> impl IntoView {
    let UrlStart { params, notes, autoplay, initial } = use_url_params::<GrokParams>();
    let job = super::runs::job(&initial, &device());
    let group = JobGroup(vec![job.clone()]);
    if autoplay {
        group.each(|j| j.play());
    }
    let root = use_jobs(group.clone());
    let job = StoredValue::new_local(job);

    let status = RwSignal::new(Status::Idle);
    let steps = RwSignal::new(0u64);
    let rate = StepRate::new();
    let error = RwSignal::new(None::<String>);
    let acc = RwSignal::new(Vec::<Line>::new());
    let loss = RwSignal::new(Vec::<Line>::new());
    let norm = RwSignal::new(Vec::<Line>::new());
    let stats = RwSignal::new(Summary::default());
    let spectra = RwSignal::new((None::<Spectrum>, None::<Spectrum>));
    let drawn = StoredValue::new(u64::MAX);
    let refresh = move || {
        job.with_value(|j| {
            let mut j = j.borrow_mut();
            status.set(j.status());
            error.set(j.error.clone());
            steps.set(j.steps());
            rate.observe(j.steps());
            if drawn.get_value() == j.steps() {
                return;
            }
            drawn.set_value(j.steps());
            let m = j.metrics();
            acc.set([pair(m, "train_acc", 0), pair(m, "val_acc", 1)].concat());
            loss.set([pair(m, "train_loss", 0), pair(m, "val_loss", 1)].concat());
            norm.set(pair(m, "weight_norm", 2).to_vec());
            stats.set(summary(m));
            spectra.set((j.exp().spectrum.clone(), j.exp().nodecay_spectrum.clone()));
            j.request_snapshot();
        });
    };
    on_tick(refresh);

    let set_param = move |f: &dyn Fn(&mut GrokParams)| {
        if let Some(p) = update_params(params, f) {
            job.with_value(|j| j.borrow_mut().reconfigure(factory(&p, &device()), p.steps, autoplay));
            drawn.set_value(u64::MAX);
            spectra.set((None, None));
            refresh();
        }
    };
    let control = move |f: fn(&mut GrokParams, f64)| Callback::new(move |v: f64| set_param(&|p| f(p, v)));
    let choose = move |f: fn(&mut GrokParams, usize)| {
        Callback::new(move |k: String| set_param(&|p| f(p, k.parse().unwrap_or(0))))
    };
    let act = group_actions(group, refresh);
    let hidden = move |name: &str| params.with(|p| p.hide.iter().any(|h| h == name));
    let primes: Vec<(&'static str, &'static str)> = PRIME_KEYS.iter().map(|k| (*k, *k)).collect();
    let widths: Vec<(&'static str, &'static str)> = HIDDEN_KEYS.iter().map(|k| (*k, *k)).collect();
    let pct = |v: Option<f64>| v.map(|a| format!("{}%", fmt_num(100.0 * a))).unwrap_or_else(|| "–".into());
    let at = |s: Option<u64>| s.map(|s| format!("step {s}")).unwrap_or_else(|| "not yet".into());
    let wd_preset = move |wd: f64| move |_| set_param(&|p| p.wd = wd);

    view! {
        <PanelFrame slug=current_slug() notes=notes root=root>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <Show when=move || !hidden("p")>
                        <Select label="Modulus p" options=primes.clone() value=Signal::derive(move || params.get().p.to_string()) on_change=choose(|p, v| p.p = v) />
                    </Show>
                    <Show when=move || !hidden("frac")>
                        <Slider label="Training share of all p² pairs" min=FRAC_RANGE.0 max=FRAC_RANGE.1 step=0.05 value=Signal::derive(move || params.get().frac) on_change=control(|p, v| p.frac = v) />
                    </Show>
                    <div class="control model-note">
                        <span class="label">"Model"</span>
                        <span>"Shared embedding (32 wide) of a and b → ReLU layer → p logits"</span>
                        <span class="not-built">"A one-layer transformer is not built yet."</span>
                    </div>
                    <Show when=move || !hidden("hidden")>
                        <Select label="Hidden units" options=widths.clone() value=Signal::derive(move || params.get().hidden.to_string()) on_change=choose(|p, v| p.hidden = v) />
                    </Show>
                    <Show when=move || !hidden("lr")>
                        <Slider label="Learning rate η (AdamW, β = 0.9, 0.98)" min=LR_RANGE.0 max=LR_RANGE.1 log=true value=Signal::derive(move || params.get().lr) on_change=control(|p, v| p.lr = v) />
                    </Show>
                    <Show when=move || !hidden("wd")>
                        <Slider label="Weight decay λ" min=WD_RANGE.0 max=WD_RANGE.1 step=0.05 value=Signal::derive(move || params.get().wd) on_change=control(|p, v| p.wd = v) />
                        <div class="presets" role="group" aria-label="Weight decay presets">
                            <button on:click=wd_preset(0.0)>"λ = 0"</button>
                            <button on:click=wd_preset(0.1)>"λ = 0.1"</button>
                            <button on:click=wd_preset(1.0)>"λ = 1"</button>
                        </div>
                    </Show>
                    <Show when=move || !hidden("compare")>
                        <Toggle label="Also train the same model with λ = 0 (dashed)" value=Signal::derive(move || params.get().compare) on_change=Callback::new(move |on: bool| set_param(&|p| p.compare = on)) />
                    </Show>
                    <Show when=move || !hidden("steps")>
                        <Slider label="Steps" min=STEPS_RANGE.0 as f64 max=STEPS_RANGE.1 as f64 step=100.0 value=Signal::derive(move || params.get().steps as f64) on_change=control(|p, v| p.steps = v.round() as u64) />
                    </Show>
                    <Show when=move || !hidden("seed")>
                        <Slider label="Seed" min=0.0 max=999.0 value=Signal::derive(move || params.get().seed as f64) on_change=control(|p, v| p.seed = v.round() as u64) />
                    </Show>
                    <PlayControls status=status actions=act />
                    <Progress done=steps total=Signal::derive(move || params.get().steps) rate=rate.rate />
                    {move || error.get().map(|e| view! { <p class="diverged" role="alert">{e}</p> })}
                    <dl class="readouts" aria-label="Grokking so far">
                        <dt>"Training accuracy"</dt><dd data-readout="train_acc">{move || pct(stats.get().train_acc)}</dd>
                        <dt>"Validation accuracy"</dt><dd data-readout="val_acc">{move || pct(stats.get().val_acc)}</dd>
                        <dt>"Memorised (training ≥ 99%)"</dt><dd data-readout="memorised">{move || at(stats.get().memorised)}</dd>
                        <dt>"Generalised (validation ≥ 90%)"</dt><dd data-readout="generalised">{move || at(stats.get().generalised)}</dd>
                        <dt>"Weight norm ‖θ‖"</dt><dd data-readout="weight_norm">{move || stats.get().norm.map(fmt_num).unwrap_or_else(|| "–".into())}</dd>
                        <Show when=move || params.with(|p| p.compare && p.wd > 0.0)>
                            <dt>"Validation accuracy at λ = 0"</dt><dd data-readout="nodecay_val_acc">{move || pct(stats.get().nodecay_val)}</dd>
                        </Show>
                    </dl>
                </div>
                <div class="figures">
                    <LineChart title="Accuracy: training (train_acc) and held-out pairs (val_acc); dashed: λ = 0" x_label="step (log scale)" y_label="accuracy" series=acc log_x=true legend=Corner::UpperLeft csv_name="grokking-accuracy" />
                    <LineChart title="Cross-entropy loss; dashed: λ = 0" x_label="step (log scale)" y_label="loss (nats)" series=loss log_x=true log_y=true legend=Corner::LowerLeft csv_name="grokking-loss" />
                    <LineChart title="Total weight norm ‖θ‖₂; dashed: λ = 0" x_label="step (log scale)" y_label="‖θ‖₂" series=norm log_x=true legend=Corner::UpperLeft csv_name="grokking-weight-norm" />
                    <Show when=move || !hidden("spectrum")>
                        <SpectrumBars main=Signal::derive(move || spectra.get().0) ghost=Signal::derive(move || spectra.get().1) />
                        <p class="caption" data-readout="top5_share">
                            {move || spectra.get().0.map(|s| format!("The 5 strongest frequencies hold {}% of the embedding's power{}.", fmt_num(100.0 * s.top_share(5)), spectra.get().1.map(|g| format!(" (λ = 0: {}%)", fmt_num(100.0 * g.top_share(5)))).unwrap_or_default())).unwrap_or_else(|| "The spectrum appears with the first weights read back.".into())}
                        </p>
                    </Show>
                </div>
            </div>
        </PanelFrame>
    }
}
