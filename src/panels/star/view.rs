//! Panel 17's view: test accuracy per round with and without the verifier, rationales kept per
//! round, accuracy per round and length (a chart and a rounds × digits heatmap), and a few of the
//! rationales each round sampled, right and wrong.

use super::params::*;
use super::run::RoundView;
use super::runs::parts;
use super::task::MAX_DIGITS;
use crate::components::chart::line::{Line, LineChart};
use crate::engine::metrics::Metrics;
use crate::kit::run::{use_panel, RunControls, RunFrame};
use leptos::prelude::*;

fn accuracy_lines(m: &Metrics) -> Vec<Line> {
    vec![
        Line::from_metrics(m, "accuracy").color(0).label("with the verifier (STaR)"),
        Line::from_metrics(m, "accuracy_unfiltered").color(3).label("without: trained on all of its own outputs"),
    ]
}

fn kept_lines(m: &Metrics) -> Vec<Line> {
    vec![
        Line::from_metrics(m, "kept").color(0).label("kept by the verifier"),
        Line::from_metrics(m, "kept_unfiltered").color(3).label("without the verifier (all)"),
    ]
}

/// Accuracy per length, with the verifier (`suffix` "") or without (`"_unfiltered"`).
fn length_lines(m: &Metrics, suffix: &str) -> Vec<Line> {
    (1..=MAX_DIGITS)
        .map(|n| {
            let label = if n == 1 { "1 digit".to_string() } else { format!("{n} digits") };
            Line::from_metrics(m, &format!("acc_digits{n}{suffix}")).color(n - 1).label(label)
        })
        .collect()
}

/// The newest value of a series, for a readout.
fn newest(m: RwSignal<Metrics>, name: &str) -> String {
    m.with(|m| m.last(name)).map_or("–".into(), |v| format!("{:.0}%", v * 100.0))
}

/// Rounds × digits, each cell shaded by its accuracy.
fn heatmap(rounds: &[RoundView]) -> impl IntoView {
    let head = (1..=MAX_DIGITS).map(|n| view! { <th scope="col">{n}</th> }).collect_view();
    let rows = rounds
        .iter()
        .enumerate()
        .map(|(r, v)| {
            let cells = v
                .by_len
                .iter()
                .map(|a| {
                    let style = format!("background: color-mix(in srgb, var(--accent) {:.0}%, transparent)", a * 85.0);
                    view! { <td style=style>{format!("{:.0}", a * 100.0)}</td> }
                })
                .collect_view();
            view! { <tr data-round=r><th scope="row">{r}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="formats star-heatmap" aria-label="Test accuracy in percent, per round (rows) and number of digits (columns), with the verifier">
                <thead><tr><th scope="col">"round \\ digits"</th>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A few sampled rationales per round.
fn examples(rounds: &[RoundView]) -> impl IntoView {
    let items = rounds
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.examples.is_empty())
        .map(|(r, v)| {
            let lines = v
                .examples
                .iter()
                .map(|(t, ok)| view! { <li class:right=*ok><span class="verdict">{if *ok { "✓ kept" } else { "✗ dropped" }}</span>" "<code>{t.clone()}</code></li> })
                .collect_view();
            view! { <li data-round=r><span class="gen">{format!("after round {r}")}</span><ul>{lines}</ul></li> }
        })
        .collect_view();
    view! { <ol class="generation-samples star-examples" aria-label="Rationales the model sampled after each round">{items}</ol> }
}

/// The panel.
#[component]
pub fn StarPanel() -> impl IntoView {
    let (run, jobs) = use_panel::<StarParams>(parts);
    let m = run.merged();
    let acc = Memo::new(move |_| m.with(accuracy_lines));
    let kept = Memo::new(move |_| m.with(kept_lines));
    let lengths = Memo::new(move |_| m.with(|m| length_lines(m, "")));
    let lengths_unfiltered = Memo::new(move |_| m.with(|m| length_lines(m, "_unfiltered")));
    let rounds = jobs.view_signal::<_, Vec<RoundView>>(run, "filtered");
    let done = move || format!("{} of {}", rounds.with(Vec::len), run.params.with(|p| p.rounds + 1));
    view! {
        <RunFrame run=run>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <RunControls run=run />
                    {run.controls(&[&ROUNDS, &STEPS, &SEED_SET, &POOL, &TEMP, &RATIONALIZE, &RESTART, &LR, &SEED])}
                    <p class="readout-line" data-readout="accuracy">
                        "Newest test accuracy: " <strong>{move || newest(m, "accuracy")}</strong> " with the verifier"
                        {move || (!run.hidden("unfiltered")).then(|| view! {
                            ", " <strong data-readout="accuracy_unfiltered">{move || newest(m, "accuracy_unfiltered")}</strong> " without"
                        })}
                    </p>
                    <p class="readout-line" data-readout="rounds">"Rounds finished (with the verifier): " <strong>{done}</strong></p>
                </div>
                <div class="figures">
                    <LineChart title="Test accuracy after each round, problems of 1 to 8 digits (round 0: the seed set only)" x_label="round" y_label="accuracy" series=acc csv_name="star-accuracy" />
                    <LineChart title="Rationales each round trains on, besides the seed set (round 0: the seed set)" x_label="round" y_label="rationales" series=kept csv_name="star-kept" />
                    {run.part("heatmap", move || view! {
                        <LineChart title="Accuracy per number of digits after each round, with the verifier" x_label="round" y_label="accuracy" series=lengths csv_name="star-by-length" />
                        {move || rounds.with(|r| heatmap(r))}
                    }.into_any())}
                    {run.part("unfiltered", move || view! {
                        <LineChart title="Accuracy per number of digits after each round, without the verifier" x_label="round" y_label="accuracy" series=lengths_unfiltered csv_name="star-by-length-unfiltered" />
                    }.into_any())}
                    {run.part("examples", move || view! { {move || rounds.with(|r| examples(r))} }.into_any())}
                </div>
            </div>
        </RunFrame>
    }
}
