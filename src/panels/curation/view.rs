//! Panel 09's view: the crawl's funnel through the four stages (documents and characters kept,
//! kinds left, each stage's precision and recall), MinHash's S-curve with the measured candidate
//! rate, the largest near-duplicate clusters to open and read, and the payoff: held-out loss of
//! the same model on raw and curated data, and the raw run's loss on duplicated and unique text.

use super::facts::{funnel, theory, Stage, BIN, STAGE_NAMES};
use super::params::{
    CurationParams, BANDS, CLASSIFIER, EXACT, NEAR, NGRAM, NOISE, ROWS, RULES, SEED, STEPS, THRESHOLD,
};
use super::pipeline::CurationView;
use super::runs::parts;
use crate::components::chart::line::{Line, LineChart, Style};
use crate::components::controls::fmt_num;
use crate::engine::data::curation::Kind;
use crate::engine::metrics::Metrics;
use crate::kit::run::{use_panel, PanelRun, RunControls, RunFrame};
use leptos::prelude::*;

/// The panel.
#[component]
pub fn CurationPanel() -> impl IntoView {
    let (run, jobs) = use_panel::<CurationParams>(parts);
    let state = RwSignal::new(None::<CurationView>);
    let taken = StoredValue::new(u64::MAX);
    run.on_draw(move || {
        jobs.with("pipeline", |j| {
            if j.view_revision() != taken.get_value() {
                taken.set_value(j.view_revision());
                state.set(j.view::<CurationView>());
            }
        });
    });
    let raw = jobs.metrics(run, "raw");
    let curated = jobs.metrics(run, "curated");
    let stages = Memo::new(move |_| {
        let st = run.params.with(CurationParams::stages);
        state.with(|s| s.as_ref().map(|s| funnel(&s.facts, &st, s.scores.as_deref()).0))
    });
    view! {
        <RunFrame run=run>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <RunControls run=run />
                    {run.controls(&[&NOISE, &EXACT, &NEAR, &RULES, &CLASSIFIER, &THRESHOLD, &NGRAM, &BANDS, &ROWS, &STEPS, &SEED])}
                </div>
                <div class="figures">
                    {run.part("lsh", move || s_curve_chart(run, state))}
                    {run.part("classifier", move || score_chart(run, state))}
                </div>
            </div>
            {run.part("pipeline", move || funnel_table(run, stages))}
            {run.part("clusters", move || cluster_list(state))}
            {run.part("payoff", move || payoff(raw, curated))}
        </RunFrame>
    }
}

/// A share as a percentage, or a dash.
fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |v| format!("{:.0}%", 100.0 * v))
}

/// The funnel: one row per stage.
fn funnel_table(run: PanelRun<CurationParams>, stages: Memo<Option<Vec<Stage>>>) -> AnyView {
    let rows = move || {
        let Some(stages) = stages.get() else {
            return view! { <tr><td colspan="9">"Building the crawl…"</td></tr> }.into_any();
        };
        let raw = stages[0].docs.max(1) as f64;
        let on = run.params.with(|p| [true, p.exact, p.near, p.rules, p.classifier]);
        stages
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let width = format!("width: {:.2}rem", 5.0 * s.docs as f64 / raw);
                view! {
                    <tr class:off=!on[i]>
                        <th scope="row">{STAGE_NAMES[i]}{(!on[i]).then_some(" (off)")}</th>
                        <td class="funnel-cell"><span class="funnel-bar" style=width></span><span data-docs-kept=i.to_string()>{s.docs}</span></td>
                        <td>{format!("{:.0} k", s.chars as f64 / 1000.0)}</td>
                        {s.by_kind.iter().map(|n| view! { <td>{*n}</td> }).collect_view()}
                        <td data-precision=i.to_string()>{pct(s.precision)}</td>
                        <td data-recall=i.to_string()>{pct(s.recall)}</td>
                    </tr>
                }
                .into_any()
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="subpanel" aria-label="The funnel">
            <h3>"The funnel: what each stage keeps"</h3>
            <p class="caption">"Documents kept after each stage, by their true kind, and each stage's precision and recall on the noise it targets. A stage that is off keeps everything."</p>
            <div class="table-wrap">
                <table class="formats funnel" aria-label="Documents kept by stage">
                    <thead><tr>
                        <th scope="col">"stage"</th><th scope="col">"documents"</th><th scope="col">"characters"</th>
                        {Kind::ALL.iter().map(|k| view! { <th scope="col">{k.name()}</th> }).collect_view()}
                        <th scope="col">"precision"</th><th scope="col">"recall"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// P(candidate) against Jaccard similarity: the formula, and the rate measured on the crawl's
/// pairs (bins with at least three pairs).
fn s_curve_chart(run: PanelRun<CurationParams>, state: RwSignal<Option<CurationView>>) -> AnyView {
    let lines = Signal::derive(move || {
        let lsh = run.params.with(CurationParams::lsh);
        let mut lines = vec![Line::new("p_candidate", theory(lsh)).color(0).label("1 − (1 − sʳ)ᵇ, the formula")];
        let dots: Vec<(f64, f64)> = state.with(|s| {
            s.as_ref().map_or_else(Vec::new, |s| {
                s.bins.iter().filter(|b| b.pairs >= 3).map(|b| (b.s, b.found as f64 / b.pairs as f64)).collect()
            })
        });
        lines.push(
            Line::new("measured_rate", dots)
                .color(1)
                .style(Style::Marker)
                .label(format!("share of the crawl's pairs found (bins of {BIN})")),
        );
        lines
    });
    view! {
        <LineChart title="MinHash + LSH: the chance a pair becomes a candidate" x_label="Jaccard similarity s of a pair's shingles" y_label="P(candidate)" series=lines csv_name="lsh-s-curve" />
    }
    .into_any()
}

/// How the classifier scores each kind of document (the crawl's documents, in bins of 0.05), with
/// the threshold.
fn score_chart(run: PanelRun<CurationParams>, state: RwSignal<Option<CurationView>>) -> AnyView {
    let lines = Signal::derive(move || {
        let threshold = run.params.with(|p| p.threshold);
        let mut lines: Vec<Line> = state.with(|s| {
            let Some((s, scores)) = s.as_ref().and_then(|s| s.scores.as_ref().map(|sc| (s, sc))) else {
                return Vec::new();
            };
            Kind::ALL
                .iter()
                .enumerate()
                .map(|(c, &k)| {
                    let mut bins = [0usize; 20];
                    s.facts
                        .iter()
                        .zip(scores)
                        .filter(|(f, _)| f.kind == k)
                        .for_each(|(_, &p)| bins[((p * 20.0) as usize).min(19)] += 1);
                    let pts = bins.iter().enumerate().map(|(i, &n)| ((i as f64 + 0.5) / 20.0, n as f64)).collect();
                    Line::new(format!("scores_{}", k.name().replace([' ', '-'], "_")), pts).color(c).label(k.name())
                })
                .collect()
        });
        let top = lines.iter().flat_map(|l| l.points.iter().map(|p| p.1)).fold(1.0, f64::max);
        lines.push(
            Line::new("threshold", vec![(threshold, 0.0), (threshold, top)])
                .color(6)
                .style(Style::Reference)
                .label("threshold"),
        );
        lines
    });
    view! {
        <LineChart title="The classifier's scores, by true kind" x_label="score (reference-like → 1)" y_label="documents" series=lines csv_name="classifier-scores" />
    }
    .into_any()
}

/// The largest clusters, each opened to read its documents.
fn cluster_list(state: RwSignal<Option<CurationView>>) -> AnyView {
    view! {
        <section class="subpanel" aria-label="Near-duplicate clusters">
            <h3>"Near-duplicate clusters MinHash found"</h3>
            <ol class="clusters">
                {move || state.with(|s| s.as_ref().map(|s| s.clusters.clone()).unwrap_or_default()).into_iter().map(|c| {
                    let kinds = state.with_untracked(|s| s.as_ref().map(|s| c.iter().map(|(i, _)| s.facts[*i].kind.name()).collect::<Vec<_>>()).unwrap_or_default());
                    view! {
                        <li><details>
                            <summary>{format!("{} documents", c.len())}</summary>
                            {c.into_iter().zip(kinds).map(|((i, t), k)| view! { <p class="sample-text"><strong>{format!("#{i} ({k}) ")}</strong>{t}"…"</p> }).collect_view()}
                        </details></li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

/// Held-out loss of the raw and curated runs, and memorisation of the duplicated documents.
fn payoff(raw: RwSignal<Metrics>, curated: RwSignal<Metrics>) -> AnyView {
    let mean = |m: &Metrics, n: &str| crate::plot::trailing_mean(&Line::from_metrics(m, n).points, 10);
    let val = Signal::derive(move || {
        vec![
            raw.with(|m| Line::from_metrics(m, "val_loss_raw")).color(3).label("trained on the raw crawl"),
            curated.with(|m| Line::from_metrics(m, "val_loss_curated")).color(2).label("trained on the curated crawl"),
        ]
    });
    let memo = Signal::derive(move || {
        raw.with(|m| {
            vec![
                Line::new("loss_duplicated_mean_of_10", mean(m, "loss_duplicated"))
                    .color(5)
                    .label("a document copied many times"),
                Line::new("loss_unique_mean_of_10", mean(m, "loss_unique")).color(0).label("documents seen once"),
            ]
        })
    });
    let last =
        move |m: RwSignal<Metrics>, n: &'static str| move || m.with(|m| m.last(n)).map_or_else(|| "–".into(), fmt_num);
    view! {
        <section class="subpanel" aria-label="The payoff">
            <h3>"The payoff: the same model, the same steps, raw against curated data"</h3>
            <p class="readout-line">"Held-out loss: raw " <strong data-readout="val_raw">{last(raw, "val_loss_raw")}</strong> " · curated " <strong data-readout="val_curated">{last(curated, "val_loss_curated")}</strong></p>
            <div class="figures">
                <LineChart title="Loss on held-out clean text (the same fixed passages for both)" x_label="step" y_label="loss (nats per character)" series=val csv_name="curation-val-loss" />
                <LineChart title="The raw run's loss on duplicated and unique documents (mean of the last 10 steps)" x_label="step" y_label="loss (nats per character)" series=memo csv_name="curation-memorisation" />
            </div>
        </section>
    }
    .into_any()
}
