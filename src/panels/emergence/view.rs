//! Panel 13's view: the family under the chosen metric (with the exact match that independent
//! digits predict), exact match against per-digit accuracy, exact match of the answer's first j
//! digits for every j, and a table of every model's scores.

use super::params::{EmergenceParams, Metric, DIGITS, LOG_X, METRIC, SEED, SIZES, STEPS};
use super::pooled::DERIVE;
use super::runs::parts;
use super::task::answer_len;
use crate::components::chart::line::{Line, LineChart, Style};
use crate::engine::choice::Choice;
use crate::engine::metrics::Metrics;
use crate::kit::run::{use_panel, RunControls, RunFrame};
use leptos::prelude::*;

/// The pooled series `name` (x = N).
fn pooled(m: &Metrics, name: &str) -> Line {
    Line::from_metrics(m, name)
}

/// The chosen metric, and for exact match the prediction from per-digit accuracies.
fn metric_lines(m: &Metrics, metric: Metric) -> Vec<Line> {
    let mut lines = vec![pooled(m, metric.key()).color(0).label(metric.label())];
    if metric == Metric::Exact {
        let predicted = pooled(m, "exact_match_predicted").style(Style::Reference).color(1);
        lines.push(predicted.label("predicted: the product of the per-digit accuracies"));
    }
    lines
}

/// Exact match and per-digit accuracy of the same models, with the prediction.
fn both_lines(m: &Metrics) -> Vec<Line> {
    let predicted = pooled(m, "exact_match_predicted").style(Style::Reference).color(1);
    vec![
        pooled(m, "exact_match").color(0).label("exact match"),
        predicted.label("product of per-digit accuracies"),
        pooled(m, "token_acc").color(2).label("per-digit accuracy"),
    ]
}

/// Exact match of the first j digits, one line per j.
fn length_lines(m: &Metrics, len: usize) -> Vec<Line> {
    (1..=len)
        .map(|j| {
            let label = if j == 1 { "1 digit".to_string() } else { format!("{j} digits") };
            pooled(m, &format!("exact_len{j}")).color(j - 1).label(label)
        })
        .collect()
}

/// The panel.
#[component]
pub fn EmergencePanel() -> impl IntoView {
    let (run, _jobs) = use_panel::<EmergenceParams>(parts);
    run.derive(DERIVE);
    let m = run.merged();
    let metric = Memo::new(move |_| run.params.with(|p| p.metric));
    let log_x = Signal::derive(move || run.params.with(|p| p.log_x));
    let chosen = Memo::new(move |_| m.with(|m| metric_lines(m, metric.get())));
    let both = Memo::new(move |_| m.with(both_lines));
    let len = Memo::new(move |_| answer_len(run.params.with(|p| p.digits) as usize));
    let lengths = Memo::new(move |_| m.with(|m| length_lines(m, len.get())));
    let finished = move || m.with(|m| m.get("exact_match").map_or(0, |s| s.points.len()));
    let planned = move || run.params.with(|p| p.sizes);
    view! {
        <RunFrame run=run>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <RunControls run=run />
                    {run.controls(&[&DIGITS, &SIZES, &STEPS, &METRIC, &LOG_X, &SEED])}
                    <p class="readout-line" data-readout="models">"Models scored: " <strong>{finished}</strong> " of " {planned}</p>
                </div>
                <div class="figures">
                    {run.part("metric-chart", move || view! {
                        <LineChart title="The chosen metric on the test problems, one point per model size" x_label="parameters N" y_label="score" series=chosen log_x=log_x csv_name="emergence-metric" />
                        <LineChart title="The same models: exact match of the whole answer against per-digit accuracy" x_label="parameters N" y_label="share right" series=both log_x=log_x csv_name="emergence-exact-vs-digit" />
                    }.into_any())}
                    {run.part("lengths", move || view! {
                        <LineChart title="Exact match of the answer's first j digits (least significant first): the longer the answer, the later the rise" x_label="parameters N" y_label="exact match" series=lengths log_x=log_x csv_name="emergence-lengths" />
                    }.into_any())}
                </div>
            </div>
            {run.part("table", move || view! { {move || m.with(table)} }.into_any())}
        </RunFrame>
    }
}

/// Every model's scores.
fn table(m: &Metrics) -> impl IntoView {
    let col = |k: &str| m.get(k).map(|s| s.points.clone()).unwrap_or_default();
    let (em, pr, tok, edit, lp) = (
        col("exact_match"),
        col("exact_match_predicted"),
        col("token_acc"),
        col("edit_distance"),
        col("answer_logprob"),
    );
    let cell =
        |v: &[(u64, f64)], i: usize, digits: usize| v.get(i).map_or("–".into(), |p| format!("{:.*}", digits, p.1));
    let rows = (0..em.len())
        .map(|i| {
            view! {
                <tr data-n=em[i].0.to_string()>
                    <th scope="row">{em[i].0}</th>
                    <td>{cell(&em, i, 3)}</td><td>{cell(&pr, i, 3)}</td><td>{cell(&tok, i, 3)}</td>
                    <td>{cell(&edit, i, 2)}</td><td>{cell(&lp, i, 2)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="formats emergence-table" aria-label="Every model's scores on 1,000 test problems">
                <thead><tr><th>"parameters N"</th><th>"exact match"</th><th>"predicted (∏ per-digit)"</th><th>"per-digit accuracy"</th><th>"edit distance"</th><th>"log-probability (nats)"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
