//! Panel 16's view: the visual pair (its two tasks, task A's and task B's accuracy through phase
//! B per method, the stability–plasticity scatter, the Fisher information heatmap), then the
//! language pair (its losses per method and its scatter).

use super::pair::task_points;
use super::params::*;
use super::run::{ForgetView, METHODS, SWEEP as SWEEP_KEYS};
use super::runs::parts;
use crate::components::chart::heatmap::{Heatmap, HeatmapData, Ramp};
use crate::components::chart::line::{Line, LineChart, Style};
use crate::components::controls::fmt_num;
use crate::engine::metrics::Metrics;
use crate::kit::run::{use_panel, Jobs, PanelRun, RunControls, RunFrame};
use leptos::prelude::*;

/// A branch's words on the page.
fn label(key: &str, p: &ForgetParams, text: bool) -> String {
    let (lambda, l2) = if text { (p.text_lambda, p.text_l2) } else { (p.lambda, p.l2) };
    match key {
        "finetune" => "plain fine-tuning".into(),
        "replay" => format!("replay ({:.0}% of A)", p.replay * 100.0),
        "ewc" => format!("EWC, λ = {}", fmt_num(lambda)),
        "l2" => format!("L2 to the old weights, λ = {}", fmt_num(l2)),
        "low_lr" => format!("learning rate × {}", fmt_num(p.low_lr)),
        k => SWEEP_KEYS.iter().find(|s| s.1 == k).map_or(k.into(), |s| format!("EWC, λ = {}", fmt_num(lambda * s.0))),
    }
}

/// Every branch's key: the five methods, then the sweep's when it runs.
fn keys(p: &ForgetParams) -> Vec<&'static str> {
    let sweep = SWEEP_KEYS.iter().map(|s| s.1).filter(|_| p.sweep);
    METHODS.iter().copied().chain(sweep).collect()
}

/// One task's metric through phase B, one line per method.
fn task_lines(m: &Metrics, p: &ForgetParams, metric: &str, task: &str, text: bool) -> Vec<Line> {
    let line = |(i, k): (usize, &&str)| {
        Line::from_metrics(m, &format!("{metric}_{task}_{k}")).color(i).label(label(k, p, text))
    };
    METHODS.iter().enumerate().map(line).collect()
}

/// Final A against final B, one marker per branch.
fn scatter(m: &Metrics, p: &ForgetParams, metric: &str, text: bool) -> Vec<Line> {
    let point = |(i, k): (usize, &str)| {
        let (a, b) = (m.last(&format!("{metric}_a_{k}"))?, m.last(&format!("{metric}_b_{k}"))?);
        Some(Line::new(format!("final_{k}"), vec![(a, b)]).color(i).style(Style::Marker).label(label(k, p, text)))
    };
    keys(p).into_iter().enumerate().filter_map(point).collect()
}

/// The Fisher information on a log scale over six decades below its largest value, in [0, 1].
fn fisher_cells(v: &ForgetView) -> Vec<f32> {
    let logs: Vec<f32> = v.fisher.iter().map(|f| f.max(1e-30).log10()).collect();
    let hi = logs.iter().copied().fold(f32::MIN, f32::max);
    logs.iter().map(|l| ((l - (hi - 6.0)) / 6.0).clamp(0.0, 1.0)).collect()
}

/// The share of the total Fisher information that the largest tenth of the weights hold.
fn top_tenth_share(f: &[f32]) -> f64 {
    let mut v: Vec<f64> = f.iter().map(|&x| f64::from(x)).collect();
    v.sort_by(|a, b| b.total_cmp(a));
    let total: f64 = v.iter().sum();
    let top: f64 = v.iter().take(v.len().div_ceil(10)).sum();
    if total > 0.0 {
        top / total
    } else {
        f64::NAN
    }
}

/// Final metrics per branch, as a table (the charts' text alternative).
fn table(m: &Metrics, p: &ForgetParams, metric: &'static str, text: bool) -> impl IntoView {
    let cell = |k: &str, t: &str| m.last(&format!("{metric}_{t}_{k}")).map_or("–".into(), |v| format!("{v:.3}"));
    let start = |t: &str| {
        let s = m.get(&format!("{metric}_{t}_finetune"));
        s.and_then(|s| s.points.first()).map_or("–".into(), |v| format!("{:.3}", v.1))
    };
    let rows = keys(p)
        .into_iter()
        .map(|k| view! { <tr data-branch=k><th scope="row">{label(k, p, text)}</th><td>{cell(k, "a")}</td><td>{cell(k, "b")}</td></tr> })
        .collect_view();
    let what = if text { "loss (nats)" } else { "accuracy" };
    view! {
        <div class="table-wrap">
            <table class="formats" aria-label=format!("Task A's and task B's {what} at the end of phase B, per method")>
                <thead><tr><th>"method"</th><th>{format!("task A {what}")}</th><th>{format!("task B {what}")}</th></tr></thead>
                <tbody>
                    <tr data-branch="start"><th scope="row">"after phase A"</th><td>{start("a")}</td><td>{start("b")}</td></tr>
                    {rows}
                </tbody>
            </table>
        </div>
    }
}

/// The panel.
#[component]
pub fn ForgetPanel() -> impl IntoView {
    let (run, jobs) = use_panel::<ForgetParams>(parts);
    let m = run.merged();
    view! {
        <RunFrame run=run>
            <div class="controls controls-row" aria-label="Run controls">
                <RunControls run=run />
            </div>
            {run.part("visual", move || visual_view(run, jobs, m))}
            {run.part("language", move || language_view(run, m))}
            // Below the pairs, so that on a phone the first chart is on the first screen.
            <section class="subpanel" aria-label="Settings shared by both pairs">
                <h3>"Settings both pairs share"</h3>
                <div class="controls controls-row">{run.controls(&[&REPLAY, &LOW_LR, &SWEEP, &SEED])}</div>
            </section>
        </RunFrame>
    }
}

/// The visual pair.
fn visual_view(run: PanelRun<ForgetParams>, jobs: Jobs, m: RwSignal<Metrics>) -> AnyView {
    let params = run.params;
    let a = Memo::new(move |_| m.with(|m| params.with(|p| task_lines(m, p, "acc", "a", false))));
    let b = Memo::new(move |_| m.with(|m| params.with(|p| task_lines(m, p, "acc", "b", false))));
    let sc = Memo::new(move |_| m.with(|m| params.with(|p| scatter(m, p, "acc", false))));
    let tasks = Memo::new(move |_| HeatmapData {
        n: 1,
        extent: 1.0,
        points: task_points(params.with(|p| p.seed)),
        ..Default::default()
    });
    let fisher = jobs.view_signal::<_, ForgetView>(run, "visual");
    let heat = Memo::new(move |_| {
        fisher.with(|v| HeatmapData {
            n: v.side,
            extent: 1.0,
            values: fisher_cells(v),
            ramp: Ramp::Contours,
            ..Default::default()
        })
    });
    let share = move || {
        fisher.with(|v| {
            if v.fisher.is_empty() {
                "–".into()
            } else {
                format!("{:.0}%", 100.0 * top_tenth_share(&v.fisher))
            }
        })
    };
    view! {
        <section class="subpanel" aria-label="Two tasks on a plane">
            <h3>"Two tasks on a plane: A on the left, then B on the right"</h3>
            <div class="panel-grid">
                <div class="controls" aria-label="Visual pair parameters">
                    {run.controls(&[&STEPS_A, &STEPS_B, &LR, &LAMBDA, &L2])}
                    <Heatmap title="The two tasks' training points: task A (left) is class 1 above the axis, task B (right) class 1 below it" data=tasks />
                </div>
                <div class="figures">
                    <LineChart title="Task A's held-out accuracy during phase B (training on B only)" x_label="step of phase B" y_label="accuracy on A" series=a csv_name="forgetting-task-a" />
                    <LineChart title="Task B's held-out accuracy during phase B" x_label="step of phase B" y_label="accuracy on B" series=b csv_name="forgetting-task-b" />
                    {run.part("scatter", move || view! {
                        <LineChart title="Stability against plasticity: final accuracy on A (x) and on B (y), per method and λ" x_label="accuracy on A" y_label="accuracy on B" series=sc csv_name="forgetting-scatter" />
                    }.into_any())}
                    {move || m.with(|m| params.with(|p| table(m, p, "acc", false)))}
                    {run.part("fisher", move || view! {
                        <Heatmap title="Fisher information of the middle layer's 32 × 32 weights on task A (darker: more important to A; log scale over six decades)" data=heat />
                        <p class="readout-line" data-readout="fisher_top_tenth">"The largest tenth of these weights hold " <strong>{share}</strong> " of their total Fisher information."</p>
                    }.into_any())}
                </div>
            </div>
        </section>
    }
    .into_any()
}

/// The language pair.
fn language_view(run: PanelRun<ForgetParams>, m: RwSignal<Metrics>) -> AnyView {
    let params = run.params;
    let a = Memo::new(move |_| m.with(|m| params.with(|p| task_lines(m, p, "loss", "a", true))));
    let b = Memo::new(move |_| m.with(|m| params.with(|p| task_lines(m, p, "loss", "b", true))));
    let sc = Memo::new(move |_| m.with(|m| params.with(|p| scatter(m, p, "loss", true))));
    view! {
        <section class="subpanel" aria-label="A language model moved to a new domain">
            <h3>"A language model: Moby-Dick (A), then State of the Union addresses (B)"</h3>
            <div class="panel-grid">
                <div class="controls" aria-label="Language pair parameters">
                    {run.controls(&[&TEXT_A, &TEXT_B, &TEXT_LR, &TEXT_LAMBDA, &TEXT_L2])}
                </div>
                <div class="figures">
                    <LineChart title="Loss on held-out Moby-Dick during fine-tuning on the addresses (lower is better)" x_label="step of phase B" y_label="loss on A (nats)" series=a csv_name="forgetting-text-a" />
                    <LineChart title="Loss on held-out addresses during fine-tuning" x_label="step of phase B" y_label="loss on B (nats)" series=b csv_name="forgetting-text-b" />
                    <LineChart title="Final loss on Moby-Dick (x) and on the addresses (y), per method and λ: lower left is better" x_label="loss on A (nats)" y_label="loss on B (nats)" series=sc csv_name="forgetting-text-scatter" />
                    {move || m.with(|m| params.with(|p| table(m, p, "loss", true)))}
                </div>
            </div>
        </section>
    }
    .into_any()
}
