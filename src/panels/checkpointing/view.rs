//! Panel 07's view: the activation memory over one step for each strategy, the memory–time
//! trade-off (every spacing k measured, √n marked), the table of peaks, times, recomputed layers
//! and gradient differences, and the training loss.

use super::params::{CheckpointParams, K, LAYERS, SEED, STEPS, WIDTH};
use super::run::{CheckpointView, StrategyView};
use super::runs::parts;
use super::segments::{sqrt_k, Strategy};
use crate::components::chart::line::{Line, LineChart, Style};
use crate::components::controls::fmt_num;
use crate::kit::run::{use_panel, RunControls, RunFrame};
use leptos::prelude::*;

fn kib(bytes: f64) -> f64 {
    bytes / 1024.0
}

/// A gradient difference: exactly zero said so, anything else in scientific notation.
fn exactness(d: f64) -> String {
    if d == 0.0 {
        "0 (bit for bit)".into()
    } else {
        format!("{d:.1e}")
    }
}

/// Words for a strategy, with its spacing.
fn label(key: &str, p: &CheckpointParams) -> String {
    let n = p.layers;
    match key {
        "all" => "store every activation".into(),
        "every_k" => format!("every k-th layer, k = {}", p.config().k),
        "sqrt" => format!("√n: every k-th, k = {}", sqrt_k(n)),
        _ => "recompute everything".into(),
    }
}

/// The panel.
#[component]
pub fn CheckpointPanel() -> impl IntoView {
    let (run, jobs) = use_panel::<CheckpointParams>(parts);
    let params = run.params;
    let metrics = jobs.metrics(run, "run");
    let state = RwSignal::new(CheckpointView::default());
    run.on_draw(move || {
        if let Some(v) = jobs.view::<CheckpointView>("run") {
            state.set(v);
        }
    });
    let timeline = Signal::derive(move || {
        let p = params.get();
        state.with(|v| {
            v.strategies
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let pts = s.timeline.iter().enumerate().map(|(x, &b)| (x as f64, kib(b as f64))).collect();
                    Line::new(format!("held_{}", s.key), pts).color(i).label(label(&s.key, &p))
                })
                .collect::<Vec<_>>()
        })
    });
    let tradeoff = Signal::derive(move || {
        let p = params.get();
        state.with(|v| {
            let sweep: Vec<(f64, f64)> = v.sweep.iter().map(|&(_, b, ms)| (ms, kib(b as f64))).collect();
            let mut lines =
                vec![Line::new("every_k_sweep", sweep).color(6).style(Style::Marker).label("every k-th, k = 1 … n")];
            for (i, s) in v.strategies.iter().enumerate() {
                let dot = Line::new(format!("point_{}", s.key), vec![(s.ms, kib(s.peak as f64))]).color(i);
                lines.push(dot.style(Style::Marker).label(label(&s.key, &p)));
            }
            lines
        })
    });
    let loss =
        Signal::derive(move || metrics.with(|m| vec![Line::from_metrics(m, "loss").color(0).label("training loss")]));
    let rows = move || {
        let p = params.get();
        state.with(|v| v.strategies.iter().map(|s| row(s, &p)).collect::<Vec<_>>())
    };
    let diff = move |name: &'static str| move || metrics.with(|m| m.last(name)).map_or("–".into(), exactness);
    view! {
        <RunFrame run=run>
            <div class="controls controls-row" aria-label="Run">
                <RunControls run=run />
                {run.control(&SEED)}
            </div>
            <div class="panel-grid">
                <div class="controls" aria-label="Network and strategy">
                    {run.controls(&[&LAYERS, &WIDTH, &K, &STEPS])}
                    <dl class="readouts" aria-label="Gradients">
                        <dt>"Largest |g − g_all|, any strategy"</dt><dd data-readout="grad_diff">{move || {
                            let d = metrics.with(|m| ["every_k", "sqrt", "none"].iter().filter_map(|s| m.last(&format!("grad_diff_{s}"))).reduce(f64::max));
                            d.map_or("–".into(), exactness)
                        }}</dd>
                        <dt>"Largest |g_all − Burn autodiff's|"</dt><dd data-readout="grad_diff_autodiff">{diff("grad_diff_autodiff")}</dd>
                    </dl>
                </div>
                <div class="figures">
                    <LineChart title="Activation memory held during one training step, operation by operation: forward, recomputes, backward" x_label="operation, in order" y_label="KiB held" series=timeline csv_name="checkpointing-memory-timeline" />
                    <LineChart title="Peak memory against time per forward and backward pass (median of recent steps): each spacing k, and the four strategies" x_label="ms per step (median)" y_label="peak KiB" series=tradeoff csv_name="checkpointing-tradeoff" />
                    <LineChart title="The network still learns: loss after each step on the store-everything gradient" x_label="step" y_label="cross-entropy (nats)" series=loss log_y=true csv_name="checkpointing-loss" />
                </div>
            </div>
            <div class="table-wrap">
                <table class="formats strategies" aria-label="Strategies">
                    <thead><tr><th>"strategy"</th><th>"peak KiB (counted)"</th><th>"ms per step (measured)"</th><th>"layers recomputed (counted)"</th><th>"by the formula"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </RunFrame>
    }
}

/// One strategy's row of the table.
fn row(s: &StrategyView, p: &CheckpointParams) -> impl IntoView {
    let strategy = match s.key.as_str() {
        "all" => Strategy::All,
        "every_k" => Strategy::EveryK(p.config().k),
        "sqrt" => Strategy::Sqrt,
        _ => Strategy::None,
    };
    view! {
        <tr data-strategy=s.key.clone()>
            <th scope="row">{label(&s.key, p)}</th>
            <td data-readout=format!("peak_{}", s.key)>{fmt_num(kib(s.peak as f64))}</td>
            <td data-readout=format!("ms_{}", s.key)>{fmt_num(s.ms)}</td>
            <td data-readout=format!("recomputed_{}", s.key)>{s.recomputed}</td>
            <td>{strategy.recomputes(p.layers)}</td>
        </tr>
    }
}
