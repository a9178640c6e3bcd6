//! Panel 10's view: the mixture (a preset, or four linked sliders that always sum to 1), each
//! domain's held-out loss beside its 3-gram reference, the weights over time, and the sweep's
//! final losses against the moving domain's weight, with its own progress.

use super::mix::{linked, Preset};
use super::params::{MixingParams, POINTS, PRESET, SEED, STEPS, SWEEP, SWEEP_DOMAIN, SWEEP_STEPS, TEMP};
use super::run::chart_reference_once;
use super::runs::parts;
use super::sweep::line_weights;
use crate::components::chart::line::{Line, LineChart, Style};
use crate::components::controls::{fmt_num, Progress, Slider};
use crate::engine::data::domains::{K, NAMES};
use crate::engine::job::Steppable;
use crate::engine::metrics::Metrics;
use crate::kit::hooks::StepRate;
use crate::kit::run::{use_panel, Jobs, PanelRun, RunControls, RunFrame};
use leptos::prelude::*;

/// What a legend calls each domain.
const LABELS: [&str; K] = ["prose (Moby-Dick)", "speeches (State of the Union)", "e-mail (ham)", "arithmetic (a+b=c)"];

/// The panel.
#[component]
pub fn MixingPanel() -> impl IntoView {
    let (run, jobs) = use_panel::<MixingParams>(parts);
    let metrics = jobs.metrics(run, "run");
    let reference = StoredValue::new(chart_reference_once());
    let losses = Signal::derive(move || metrics.with(|m| loss_lines(m, reference.get_value())));
    let weights = Signal::derive(move || {
        metrics.with(|m| {
            (0..K)
                .map(|d| Line::from_metrics(m, &format!("weight_{}", NAMES[d])).color(d).label(LABELS[d]))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <RunFrame run=run>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <RunControls run=run />
                    {run.controls(&[&PRESET, &TEMP])}
                    {run.part("mix", move || mix_sliders(run).into_any())}
                    {run.controls(&[&STEPS, &SEED])}
                    {readouts(metrics, reference.get_value())}
                </div>
                <div class="figures">
                    {run.part("losses", move || view! {
                        <LineChart title="Held-out loss on each domain (solid) and its 3-gram reference (dashed)" x_label="step" y_label="cross-entropy (nats per character)" series=losses csv_name="mixing-losses" />
                    }.into_any())}
                    {run.part("weights", move || view! {
                        <LineChart title="The weights each domain was sampled with" x_label="step" y_label="weight" series=weights csv_name="mixing-weights" />
                    }.into_any())}
                </div>
            </div>
            {run.part("sweep-results", move || sweep_view(run, jobs))}
        </RunFrame>
    }
}

/// Each domain's held-out loss, and its 3-gram reference as a dashed line in the same colour.
fn loss_lines(m: &Metrics, reference: [f64; K]) -> Vec<Line> {
    let mut lines: Vec<Line> =
        (0..K).map(|d| Line::from_metrics(m, &format!("val_loss_{}", NAMES[d])).color(d).label(LABELS[d])).collect();
    let x1 = lines[0].points.last().map_or(1.0, |p| p.0).max(1.0);
    lines.extend((0..K).map(|d| {
        Line::new(format!("reference_{}", NAMES[d]), vec![(1.0, reference[d]), (x1, reference[d])])
            .color(d)
            .style(Style::Reference)
            .label(format!("3-gram reference, {}", NAMES[d]))
    }));
    lines
}

/// Four linked sliders: moving one sets the mixture to the reader's own and shares the rest among
/// the others as before.
fn mix_sliders(run: PanelRun<MixingParams>) -> impl IntoView {
    let params = run.params;
    let slider = move |d: usize| {
        let value = Signal::derive(move || params.with(|p| p.mix[d]));
        let on_change = Callback::new(move |v: f64| {
            run.set(move |p| {
                p.mix = linked(p.mix, d, v);
                p.preset = Preset::Custom;
            })
        });
        view! { <Slider label=LABELS[d] min=0.0 max=1.0 step=0.01 value=value on_change=on_change /> }
    };
    view! {
        <fieldset class="mix">
            <legend>"Weights (always sum to 1; moving one makes them your own)"</legend>
            {(0..K).map(slider).collect_view()}
        </fieldset>
    }
}

/// The newest held-out loss of each domain, their mean and worst, and each domain's excess over
/// its reference.
fn readouts(metrics: RwSignal<Metrics>, reference: [f64; K]) -> impl IntoView {
    let last = move |name: String| metrics.with(|m| m.last(&name));
    let row = move |d: usize| {
        let text = move || match last(format!("val_loss_{}", NAMES[d])) {
            Some(v) => format!("{} (3-gram {}, {:+.3})", fmt_num(v), fmt_num(reference[d]), v - reference[d]),
            None => "–".into(),
        };
        view! { <li>{NAMES[d]} ": " <strong>{text}</strong></li> }
    };
    let shown = move |n: &'static str| move || last(n.to_string()).map_or_else(|| "–".into(), fmt_num);
    view! {
        <ul class="readout-list" aria-label="Held-out loss per domain">{(0..K).map(row).collect_view()}</ul>
        <p class="readout-line">"Mean " <strong>{shown("val_loss_mean")}</strong> " · worst " <strong>{shown("val_loss_worst")}</strong></p>
    }
}

/// The sweep: its settings, its own progress, and each finished point's final losses.
fn sweep_view(run: PanelRun<MixingParams>, jobs: Jobs) -> AnyView {
    let params = run.params;
    let (done, rate) = (RwSignal::new(0u64), StepRate::new());
    let finals = RwSignal::new(Vec::<Line>::new());
    run.on_draw(move || {
        let p = params.get_untracked();
        let found = jobs.with("sweep", |j| {
            done.set(j.steps());
            rate.observe(j.steps());
            sweep_lines(j.metrics(), &p)
        });
        finals.set(found.unwrap_or_default());
    });
    let total = Signal::derive(move || params.with(|p| p.points * p.sweep_steps));
    let best = move || best_points(&finals.get(), params.with(|p| NAMES[p.sweep_domain.0]));
    view! {
        <section class="sweep" aria-label="Sweep along a line through the simplex">
            <h3>"Sweep: one domain's weight from 0 to 1"</h3>
            <p>"Each point trains a fresh model for the same steps, with the chosen domain at that weight and the others in their natural proportions among themselves."</p>
            <div class="controls controls-row">{run.controls(&[&SWEEP, &SWEEP_DOMAIN, &POINTS, &SWEEP_STEPS])}</div>
            {move || params.with(|p| p.sweep).then(|| view! { <Progress done=done total=total rate=rate.rate /> })}
            {move || (!params.with(|p| p.sweep)).then(|| view! { <p class="note">"The sweep is off: tick “Train the sweep” to train its models (about " {move || params.with(|p| p.points)} " times the run above, in all)."</p> })}
            <p class="readout-line">{best}</p>
            <div class="sweep-chart" class:hidden=move || !params.with(|p| p.sweep)>
                <LineChart title="Final held-out loss against the swept domain's weight" x_label="weight of the swept domain" y_label="final cross-entropy (nats per character)" series=finals log_y=true csv_name="mixing-sweep" />
            </div>
        </section>
    }
    .into_any()
}

/// One line per domain (and the mean and worst) through the points whose model has finished.
fn sweep_lines(m: &Metrics, p: &MixingParams) -> Vec<Line> {
    let ws = line_weights(p.points as usize);
    let at = |name: &str, k: usize| {
        let step = (k as u64 + 1) * p.sweep_steps;
        m.get(name).and_then(|s| s.points.iter().find(|q| q.0 == step)).map(|q| q.1)
    };
    let line = |name: String, label: String, color: usize, series: String| {
        let pts = ws.iter().enumerate().filter_map(|(k, &w)| at(&series, k).map(|y| (w, y))).collect();
        Line::new(name, pts).color(color).label(label)
    };
    let mut lines: Vec<Line> = (0..K)
        .map(|d| line(format!("final_{}", NAMES[d]), LABELS[d].into(), d, format!("sweep_val_loss_{}", NAMES[d])))
        .collect();
    lines.push(line("final_mean".into(), "mean of the four".into(), 4, "sweep_val_loss_mean".into()));
    lines.push(line("final_worst".into(), "worst of the four".into(), 5, "sweep_val_loss_worst".into()));
    lines
}

/// The sweep's best mean and best worst case so far, in words.
fn best_points(lines: &[Line], domain: &str) -> String {
    let argmin = |name: &str| {
        let l = lines.iter().find(|l| l.name == name)?;
        l.points.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1))
    };
    match (argmin("final_mean"), argmin("final_worst")) {
        (Some(m), Some(w)) => format!(
            "So far: the best mean ({}) at {domain} weight {}; the best worst case ({}) at {}.",
            fmt_num(m.1),
            fmt_num(m.0),
            fmt_num(w.1),
            fmt_num(w.0)
        ),
        _ => "No sweep point has finished yet.".into(),
    }
}
