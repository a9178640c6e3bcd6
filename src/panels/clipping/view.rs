//! Panel 05's view: the clipping run (gradient norm with the threshold and the clipped steps, and
//! both copies' held-out loss), then the accumulation run (both copies' loss, the largest |Δθ|
//! between them, and what each costs).

use super::accum::{AccumConfig, AccumView};
use super::params::{ClipParams, ACCUM_STEPS, B, CORRUPT, K, LR, MODE, SEED, STEPS, THRESHOLD};
use super::runs::parts;
use super::spiky::ClipMode;
use crate::components::chart::line::{Line, LineChart, Style};
use crate::components::controls::fmt_num;
use crate::engine::metrics::Metrics;
use crate::kit::run::{use_panel, Jobs, PanelRun, RunControls, RunFrame};
use leptos::prelude::*;

/// The panel.
#[component]
pub fn ClipPanel() -> impl IntoView {
    let (run, jobs) = use_panel::<ClipParams>(parts);
    view! {
        <RunFrame run=run>
            <div class="controls controls-row" aria-label="Run">
                <RunControls run=run />
                {run.control(&SEED)}
            </div>
            {run.part("clipping", move || clipping(run, jobs))}
            {run.part("accumulation", move || accumulation(run, jobs))}
        </RunFrame>
    }
}

/// The largest value of a series.
fn worst(m: &Metrics, name: &str) -> Option<f64> {
    m.get(name).map(|s| s.points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max)).filter(|v| v.is_finite())
}

/// The clipping run: gradient norm and threshold, both losses, and the share clipped.
fn clipping(run: PanelRun<ClipParams>, jobs: Jobs) -> AnyView {
    let params = run.params;
    let metrics = jobs.metrics(run, "clipping");
    let norm_lines = Signal::derive(move || {
        let (c, mode) = params.with(|p| (p.threshold, p.mode));
        metrics.with(|m| {
            let norm = Line::from_metrics(m, "grad_norm").color(0).label("‖g‖ before clipping");
            let steps = norm.points.clone();
            let hits: Vec<(f64, f64)> = m
                .get("clipped")
                .map(|s| s.points.iter().zip(&steps).filter(|(h, _)| h.1 > 0.5).map(|(_, p)| *p).collect())
                .unwrap_or_default();
            let x1 = steps.last().map_or(1.0, |p| p.0).max(1.0);
            let mut lines =
                vec![norm, Line::new("clipped_steps", hits).color(1).style(Style::Marker).label("clipped steps")];
            if mode == ClipMode::Norm {
                let threshold = Line::new("threshold", vec![(1.0, c), (x1, c)]).color(6).style(Style::Reference);
                lines.push(threshold.label("threshold c"));
            }
            lines
        })
    });
    let loss_lines = Signal::derive(move || {
        metrics.with(|m| {
            vec![
                Line::from_metrics(m, "loss_unclipped").color(1).label("no clipping"),
                Line::from_metrics(m, "loss_clipped").color(0).label("clipped"),
            ]
        })
    });
    let num = move |f: fn(&Metrics) -> Option<f64>| move || metrics.with(f).map(fmt_num).unwrap_or_else(|| "–".into());
    let share = move || {
        metrics
            .with(|m| m.last("clipped_share"))
            .map(|s| format!("{}%", fmt_num(100.0 * s)))
            .unwrap_or_else(|| "–".into())
    };
    view! {
        <section class="subpanel" aria-label="Gradient clipping">
            <h3>"Clipping: one network fed occasional corrupted batches, with and without clipping"</h3>
            <div class="panel-grid">
                <div class="controls" aria-label="Clipping parameters">
                    {run.controls(&[&LR, &THRESHOLD, &MODE, &CORRUPT, &STEPS])}
                    <dl class="readouts" aria-label="Clipping so far">
                        <dt>"Steps clipped"</dt><dd data-readout="clipped_share">{share}</dd>
                        <dt>"Worst held-out loss, no clipping"</dt><dd data-readout="worst_unclipped">{num(|m| worst(m, "loss_unclipped"))}</dd>
                        <dt>"Worst held-out loss, clipped"</dt><dd data-readout="worst_clipped">{num(|m| worst(m, "loss_clipped"))}</dd>
                        <dt>"Largest ‖g‖ so far"</dt><dd data-readout="max_grad_norm">{num(|m| worst(m, "grad_norm"))}</dd>
                    </dl>
                </div>
                <div class="figures">
                    <LineChart title="Gradient norm of each step before clipping (dots: the steps that were clipped)" x_label="step" y_label="‖g‖₂" series=norm_lines log_y=true csv_name="clipping-grad-norm" />
                    <LineChart title="Loss on clean held-out points: without clipping, and clipped" x_label="step" y_label="mean squared error" series=loss_lines log_y=true csv_name="clipping-loss" />
                </div>
            </div>
        </section>
    }
    .into_any()
}

/// The accumulation run: both losses, the largest |Δθ|, memory from the shapes, time per step.
fn accumulation(run: PanelRun<ClipParams>, jobs: Jobs) -> AnyView {
    let params = run.params;
    let metrics = jobs.metrics(run, "accumulation");
    let loss_lines = Signal::derive(move || {
        let (k, b) = params.with(|p| (p.k, p.b));
        metrics.with(|m| {
            vec![
                Line::from_metrics(m, "loss_big_batch").color(0).label(format!("one batch of k·b = {}", k * b)),
                Line::from_metrics(m, "loss_accumulated")
                    .color(1)
                    .style(Style::Reference)
                    .label(format!("{k} micro-batches of {b}, accumulated")),
            ]
        })
    });
    let diff_lines = Signal::derive(move || {
        metrics.with(|m| vec![Line::from_metrics(m, "param_diff").color(2).label("largest |θ_big − θ_accumulated|")])
    });
    // Time per optimizer step: the mean of the last 20, measured in the worker.
    let times = RwSignal::new(None::<AccumView>);
    run.on_draw(move || times.set(jobs.view::<AccumView>("accumulation")));
    let ms = move |big: bool| {
        move || {
            let t = times.get().map(|v| if big { v.ms_big_batch } else { v.ms_accumulated });
            t.filter(|t| *t > 0.0).map(|t| format!("{} ms", fmt_num(t))).unwrap_or_else(|| "–".into())
        }
    };
    let kib = |bytes: usize| format!("{} KiB", fmt_num(bytes as f64 / 1024.0));
    let memory =
        move |big: bool| move || params.with(|p| kib(AccumConfig::activation_bytes(if big { p.k * p.b } else { p.b })));
    let diff =
        move || metrics.with(|m| worst(m, "param_diff")).map(|d| format!("{d:.1e}")).unwrap_or_else(|| "–".into());
    view! {
        <section class="subpanel" aria-label="Gradient accumulation">
            <h3>"Accumulation: k micro-batches of b against one batch of k·b, from the same weights"</h3>
            <div class="panel-grid">
                <div class="controls" aria-label="Accumulation parameters">
                    {run.controls(&[&K, &B, &ACCUM_STEPS])}
                    <dl class="readouts" aria-label="Accumulation so far">
                        <dt>"Largest |Δθ| so far"</dt><dd data-readout="param_diff">{diff}</dd>
                        <dt>"Activations held, one batch of k·b (from the shapes)"</dt><dd data-readout="act_big">{memory(true)}</dd>
                        <dt>"Activations held, one micro-batch of b (from the shapes)"</dt><dd data-readout="act_micro">{memory(false)}</dd>
                        <dt>"Time per optimizer step, one batch (measured)"</dt><dd data-readout="ms_big_batch">{ms(true)}</dd>
                        <dt>"Time per optimizer step, accumulated (measured)"</dt><dd data-readout="ms_accumulated">{ms(false)}</dd>
                    </dl>
                </div>
                <div class="figures">
                    <LineChart title="Training loss of each optimizer step: the two runs overlay" x_label="optimizer step" y_label="cross-entropy (nats)" series=loss_lines log_y=true csv_name="accumulation-loss" />
                    <LineChart title="Largest difference between the two copies' weights after each step" x_label="optimizer step" y_label="|Δθ|" series=diff_lines log_y=true csv_name="accumulation-param-diff" />
                </div>
            </div>
        </section>
    }
    .into_any()
}
