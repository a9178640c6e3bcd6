//! Panel 14's view: (a + b) mod p trained live with AdamW, beside the same model at λ = 0;
//! accuracy, loss and weight norm on a log step axis, and the embedding's Fourier spectrum.

use super::experiment::{GrokView, NODECAY};
use super::params::{GrokParams, COMPARE, FRAC, LR, MODULUS, SEED, STEPS, WD, WIDTH};
use super::runs::parts;
use super::spectrum::Spectrum;
use super::spectrum_view::SpectrumBars;
use crate::components::chart::line::{Line, LineChart, Style};
use crate::components::controls::fmt_num;
use crate::engine::job::Steppable;
use crate::engine::metrics::Metrics;
use crate::kit::run::{use_panel, RunControls, RunFrame};
use leptos::prelude::*;

/// The decayed run's `name` solid, the λ = 0 run's dashed, both in palette colour `color`.
fn pair(m: &Metrics, name: &str, label: &str, color: usize) -> [Line; 2] {
    [
        Line::from_metrics(m, name).color(color).label(label),
        Line::from_metrics(m, &format!("{NODECAY}{name}"))
            .color(color)
            .style(Style::Reference)
            .label(format!("{label}, λ = 0")),
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
    let last = |n: &str| m.last(n);
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
    let (run, jobs) = use_panel::<GrokParams>(parts);
    let acc = RwSignal::new(Vec::<Line>::new());
    let loss = RwSignal::new(Vec::<Line>::new());
    let norm = RwSignal::new(Vec::<Line>::new());
    let stats = RwSignal::new(Summary::default());
    let spectra = RwSignal::new((None::<Spectrum>, None::<Spectrum>));
    run.on_draw(move || {
        // Both runs' series in one set: the λ = 0 comparison trains as a job of its own.
        let mut m = Metrics::default();
        let mut spectrum = |part: &str| {
            jobs.with(part, |j| {
                let _ = m.merge(j.metrics());
                j.request_snapshot();
                j.view::<GrokView>().and_then(|v| v.spectrum)
            })
            .flatten()
        };
        spectra.set((spectrum("main"), spectrum("nodecay")));
        acc.set([pair(&m, "train_acc", "training pairs", 0), pair(&m, "val_acc", "held-out pairs", 1)].concat());
        loss.set([pair(&m, "train_loss", "training pairs", 0), pair(&m, "val_loss", "held-out pairs", 1)].concat());
        norm.set(pair(&m, "weight_norm", "‖θ‖₂", 2).to_vec());
        stats.set(summary(&m));
    });
    let params = run.params;
    let pct = |v: Option<f64>| v.map(|a| format!("{}%", fmt_num(100.0 * a))).unwrap_or_else(|| "–".into());
    let at = |s: Option<u64>| s.map(|s| format!("step {s}")).unwrap_or_else(|| "not yet".into());
    let wd_preset = move |wd: f64| move |_| run.set(move |p| p.wd = wd);
    let spectrum = move || {
        view! {
            <SpectrumBars main=Signal::derive(move || spectra.get().0) ghost=Signal::derive(move || spectra.get().1) />
            <p class="caption" data-readout="top5_share">
                {move || spectra.get().0.map(|s| format!("The 5 strongest frequencies hold {}% of the embedding's power{}.", fmt_num(100.0 * s.top_share(5)), spectra.get().1.map(|g| format!(" (λ = 0: {}%)", fmt_num(100.0 * g.top_share(5)))).unwrap_or_default())).unwrap_or_else(|| "The spectrum appears with the first weights read back.".into())}
            </p>
        }
        .into_any()
    };

    view! {
        <RunFrame run=run>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <RunControls run=run />
                    {run.controls(&[&MODULUS, &FRAC])}
                    <div class="control model-note">
                        <span class="label">"Model"</span>
                        <span>"Shared embedding (32 wide) of a and b → ReLU layer → p logits"</span>
                        <span class="not-built">"A one-layer transformer is not built yet."</span>
                    </div>
                    {run.controls(&[&WIDTH, &LR, &WD])}
                    <Show when=move || !run.hidden("wd")>
                        <div class="presets" role="group" aria-label="Weight decay presets">
                            <button on:click=wd_preset(0.0)>"λ = 0"</button>
                            <button on:click=wd_preset(0.1)>"λ = 0.1"</button>
                            <button on:click=wd_preset(1.0)>"λ = 1"</button>
                        </div>
                    </Show>
                    {run.controls(&[&COMPARE, &STEPS, &SEED])}
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
                    <LineChart title="Accuracy on the training pairs and the held-out pairs; dashed: λ = 0" x_label="step (log scale)" y_label="accuracy" series=acc log_x=true csv_name="grokking-accuracy" />
                    <LineChart title="Cross-entropy loss; dashed: λ = 0" x_label="step (log scale)" y_label="loss (nats)" series=loss log_x=true log_y=true csv_name="grokking-loss" />
                    <LineChart title="Total weight norm ‖θ‖₂; dashed: λ = 0" x_label="step (log scale)" y_label="‖θ‖₂" series=norm log_x=true csv_name="grokking-weight-norm" />
                    {run.part("spectrum", spectrum)}
                </div>
            </div>
        </RunFrame>
    }
}
