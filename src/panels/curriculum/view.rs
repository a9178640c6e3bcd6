//! Panel 11's view: test accuracy over the steps for every ordering (the mean of three seeds, with
//! the lowest and highest seed dashed), accuracy by difficulty over time as a table of shaded
//! cells, and the difficulty each ordering fed.

use super::pacing::Ordering;
use super::params::{CurriculumParams, NOISE, PACING, RAMP, SEED, STEPS};
use super::runs::parts;
use super::task::DIGITS;
use crate::components::chart::download;
use crate::components::chart::line::{Line, LineChart, Style};
use crate::engine::job::Steppable;
use crate::engine::metrics::{csv, Metrics};
use crate::kit::run::{use_panel, Jobs, RunControls, RunFrame};
use leptos::prelude::*;

/// Time slices of the heatmap.
const SLICES: usize = 10;

/// The panel.
#[component]
pub fn CurriculumPanel() -> impl IntoView {
    let (run, jobs) = use_panel::<CurriculumParams>(parts);
    let acc = RwSignal::new(Vec::<Line>::new());
    let difficulty = RwSignal::new(Vec::<Line>::new());
    let by_level = RwSignal::new(Vec::<(Ordering, Vec<Line>)>::new());
    run.on_draw(move || {
        let (mut a, mut d, mut h) = (Vec::new(), Vec::new(), Vec::new());
        for (i, o) in Ordering::ALL.into_iter().enumerate() {
            let Some(found) = jobs.with(o.key(), |j| lines(j.metrics(), o, i)) else { continue };
            a.extend(found.0);
            d.push(found.1);
            h.push((o, found.2));
        }
        acc.set(a);
        difficulty.set(d);
        by_level.set(h);
    });
    view! {
        <RunFrame run=run>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <RunControls run=run />
                    {run.controls(&[&STEPS, &NOISE, &PACING, &RAMP, &SEED])}
                    {readouts(jobs, run.steps)}
                </div>
                <div class="figures">
                    {run.part("accuracy", move || view! {
                        <LineChart title="Test accuracy (whole answer right), mean of three seeds; dashed: the lowest and highest seed" x_label="step" y_label="accuracy" series=acc csv_name="curriculum-accuracy" />
                    }.into_any())}
                    {run.part("difficulty", move || view! {
                        <LineChart title="Mean difficulty (digits) of the examples each ordering fed" x_label="step" y_label="digits per operand" series=difficulty csv_name="curriculum-difficulty" />
                    }.into_any())}
                </div>
            </div>
            {run.part("heatmap", move || heatmap(by_level).into_any())}
        </RunFrame>
    }
}

/// One ordering's accuracy lines (mean, lowest, highest seed), its fed difficulty, and its
/// accuracy on each difficulty.
fn lines(m: &Metrics, o: Ordering, color: usize) -> (Vec<Line>, Line, Vec<Line>) {
    let k = o.key();
    let mean = Line::from_metrics(m, &format!("test_acc_{k}")).color(color).label(o.label());
    // The seeds' spread: dashed, in the ordering's colour, explained by the title, not the legend.
    let edge = |which: &str| {
        Line::from_metrics(m, &format!("test_acc_{k}_{which}")).color(color).style(Style::Reference).label("")
    };
    let fed = Line::from_metrics(m, &format!("batch_difficulty_{k}")).color(color).label(o.label());
    let levels = (1..=DIGITS).map(|d| Line::from_metrics(m, &format!("acc_d{d}_{k}"))).collect();
    (vec![mean, edge("min"), edge("max")], fed, levels)
}

/// Each ordering's newest accuracy, mean and range over the seeds.
fn readouts(jobs: Jobs, steps: RwSignal<u64>) -> impl IntoView {
    let row = move |o: Ordering| {
        let text = move || {
            steps.track();
            let k = o.key();
            let got = jobs.with(k, |j| {
                let m = j.metrics();
                let (a, lo, hi) = (
                    m.last(&format!("test_acc_{k}"))?,
                    m.last(&format!("test_acc_{k}_min"))?,
                    m.last(&format!("test_acc_{k}_max"))?,
                );
                Some(format!("{:.1}% (seeds {:.1}–{:.1}%)", 100.0 * a, 100.0 * lo, 100.0 * hi))
            });
            got.flatten().unwrap_or_else(|| "–".into())
        };
        view! { <li>{o.label()} ": " <strong>{text}</strong></li> }
    };
    view! { <ul class="readout-list" aria-label="Test accuracy by ordering">{Ordering::ALL.into_iter().map(row).collect_view()}</ul> }
}

/// The value of `line` at the end of slice `s` of `SLICES`, over `total` recorded steps.
fn at_slice(line: &Line, s: usize, total: usize) -> Option<f64> {
    let i = ((s + 1) * total / SLICES).checked_sub(1)?;
    line.points.get(i).map(|p| p.1)
}

/// Accuracy by difficulty over time: for each ordering, a row per difficulty and a column per
/// tenth of the steps so far, each cell shaded by its accuracy and labelled with it.
fn heatmap(by_level: RwSignal<Vec<(Ordering, Vec<Line>)>>) -> impl IntoView {
    let block = move |(o, levels): (Ordering, Vec<Line>)| {
        let total = levels.first().map_or(0, |l| l.points.len());
        let row = |(d, line): (usize, &Line)| {
            let cells = (0..SLICES)
                .map(|s| {
                    let v = at_slice(line, s, total);
                    let shade = v.map_or(String::new(), |v| format!("--acc:{:.2}", v.clamp(0.0, 1.0)));
                    let text = v.map_or_else(|| "·".into(), |v| format!("{:.0}", 100.0 * v));
                    let hi = v.is_some_and(|v| v > 0.55);
                    view! { <td class="acc-cell" class:hi=hi style=shade>{text}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{format!("{} digit{}", d + 1, if d == 0 { "" } else { "s" })}</th>{cells}</tr> }
        };
        let rows = levels.iter().enumerate().map(row).collect_view();
        view! {
            <table class="acc-heatmap" aria-label=format!("Accuracy (%) by difficulty over time, {}", o.label())>
                <caption>{o.label()}</caption>
                <tbody>{rows}</tbody>
            </table>
        }
    };
    let on_csv = move |_| {
        let data = by_level.get_untracked();
        let columns: Vec<(String, Vec<(f64, f64)>)> = data
            .iter()
            .flat_map(|(o, levels)| {
                levels.iter().enumerate().map(move |(d, l)| (format!("acc_d{}_{}", d + 1, o.key()), l.points.clone()))
            })
            .collect();
        let refs: Vec<(&str, &[(f64, f64)])> = columns.iter().map(|(n, p)| (n.as_str(), p.as_slice())).collect();
        download("curriculum-accuracy-by-difficulty.csv", &csv("step", &refs), "text/csv");
    };
    view! {
        <figure class="chart acc-heatmaps">
            <figcaption>"Accuracy (%) on each difficulty, mean of three seeds, at each tenth of the steps so far (darker: higher)"</figcaption>
            <div class="acc-grid">{move || by_level.get().into_iter().map(block).collect_view()}</div>
            <button class="csv" on:click=on_csv>"Download CSV"</button>
            <p class="note">{move || by_level.with(|b| b.first().and_then(|(_, l)| l.first()).map(|l| format!("Columns end at steps {}.", slice_ends(l))).unwrap_or_default())}</p>
        </figure>
    }
}

/// The steps at which the columns end.
fn slice_ends(line: &Line) -> String {
    let total = line.points.len();
    let ends: Vec<String> = (0..SLICES)
        .filter_map(|s| ((s + 1) * total / SLICES).checked_sub(1).and_then(|i| line.points.get(i)))
        .map(|p| format!("{:.0}", p.0))
        .collect();
    ends.join(", ")
}
