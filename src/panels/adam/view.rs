//! Panel 03's view: the optimiser race on a loss surface (drag the start on the chart), its loss
//! curves, Adam's internals for one coordinate, and the Adam + L2 against AdamW comparison.

use super::params::{AdamParams, BETA1, BETA2, EPS, LR, SEED, STEPS, SURFACE, WD};
use super::race::OPTIMIZERS;
use super::runs::parts;
use crate::components::chart::heatmap::{Heatmap, HeatmapData, Path, Ramp};
use crate::components::chart::legend::LegendItem;
use crate::components::chart::line::{Line, LineChart, Style};
use crate::components::controls::{fmt_num, Toggle};
use crate::engine::metrics::Metrics;
use crate::engine::surfaces::Surface;
use crate::kit::run::{use_panel, PanelRun, RunControls, RunFrame};
use leptos::prelude::*;

/// Cells per side of the drawn surface.
const GRID: usize = 64;

/// Display name and palette colour of each racer (colours match between the surface and the charts).
pub fn racer_style(name: &str) -> (&'static str, usize) {
    match name {
        "sgd" => ("SGD", 5),
        "momentum" => ("SGD + momentum", 2),
        "rmsprop" => ("RMSprop", 3),
        "adam" => ("Adam", 0),
        _ => ("AdamW", 1),
    }
}

/// The racers' paths (from the start) and per-racer loss lines, for the racers on show.
fn race_view(m: &Metrics, p: &AdamParams) -> (Vec<Path>, Vec<Line>) {
    let mut paths = Vec::new();
    let mut losses = Vec::new();
    for name in OPTIMIZERS.iter().filter(|n| p.shows(n)) {
        let color = racer_style(name).1;
        let xs = m.get(&format!("x_{name}")).map(|s| s.points.as_slice()).unwrap_or_default();
        let ys = m.get(&format!("y_{name}")).map(|s| s.points.as_slice()).unwrap_or_default();
        let path = std::iter::once(p.start).chain(xs.iter().zip(ys).map(|(a, b)| (a.1, b.1))).collect();
        paths.push((color, path));
        losses.push(Line::from_metrics(m, &format!("loss_{name}")).color(color).label(racer_style(name).0));
    }
    (paths, losses)
}

/// "SGD diverged by step 41" (the first recorded point after it left) for every racer whose `alive_` series dropped to 0.
fn casualties(m: &Metrics) -> Vec<String> {
    OPTIMIZERS
        .iter()
        .filter_map(|n| {
            let s = m.get(&format!("alive_{n}"))?;
            let (step, _) = s.points.iter().find(|p| p.1 < 0.5)?;
            Some(format!("{} diverged by step {step}: its point left the chart and is frozen there.", racer_style(n).0))
        })
        .collect()
}

/// m̂, √v̂ and their uncorrected versions; Adam's step and the uncorrected step, both over η.
fn internals_view(m: &Metrics) -> (Vec<Line>, Vec<Line>) {
    let sqrt = |name: &str, from: &str| {
        let mut l = Line::from_metrics(m, from);
        l.points.iter_mut().for_each(|p| p.1 = p.1.max(0.0).sqrt());
        Line { name: name.into(), ..l }
    };
    let moments = vec![
        // Each raw moment is dashed in the colour of its corrected one.
        Line::from_metrics(m, "adam_m").color(0).style(Style::Reference).label("m (raw, dashed)"),
        Line::from_metrics(m, "adam_m_hat").color(0).label("m̂ (bias-corrected)"),
        sqrt("sqrt_v", "adam_v").color(1).style(Style::Reference).label("√v (raw, dashed)"),
        sqrt("sqrt_v_hat", "adam_v_hat").color(1).label("√v̂ (bias-corrected)"),
    ];
    let steps = vec![
        Line::from_metrics(m, "adam_step").color(0).label("step taken (bias-corrected)"),
        Line::from_metrics(m, "adam_step_raw")
            .color(0)
            .style(Style::Reference)
            .label("without the correction (dashed)"),
    ];
    (moments, steps)
}

/// The panel.
#[component]
pub fn AdamPanel() -> impl IntoView {
    let (run, jobs) = use_panel::<AdamParams>(parts);
    let (metrics, decay_metrics) = (jobs.metrics(run, "race"), jobs.metrics(run, "decay"));
    let params = run.params;
    let surface = Memo::new(move |_| params.with(|p| p.surface));
    let grid = Memo::new(move |_| surface.get().grid(GRID));
    let race_lines = Memo::new(move |_| params.with(|p| metrics.with(|m| race_view(m, p))));
    let heat = Signal::derive(move || {
        let (paths, _) = race_lines.get();
        let s = surface.get();
        let marker = Some(params.with(|p| p.start));
        HeatmapData {
            n: GRID,
            extent: s.extent(),
            values: grid.get(),
            paths,
            marker,
            ramp: Ramp::Contours,
            ..Default::default()
        }
    });
    let loss_lines = Signal::derive(move || race_lines.get().1);
    let racer_legend = Signal::derive(move || {
        params.with(|p| {
            OPTIMIZERS
                .iter()
                .filter(|n| p.shows(n))
                .map(|n| LegendItem { label: racer_style(n).0.into(), color: racer_style(n).1, style: Style::Solid })
                .collect::<Vec<_>>()
        })
    });
    let internals = Memo::new(move |_| metrics.with(internals_view));
    let pick_start = Callback::new(move |(x, y): (f64, f64)| {
        let round = |v: f64| (v * 100.0).round() / 100.0;
        run.set(move |p| p.start = (round(x), round(y)));
    });
    let final_loss = move |name: &'static str| {
        metrics.with(|m| m.last(&format!("loss_{name}")).map(fmt_num).unwrap_or_else(|| "–".into()))
    };

    view! {
        <RunFrame run=run>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <RunControls run=run />
                    {run.controls(&[&SURFACE, &LR, &BETA1, &BETA2, &EPS, &WD, &STEPS])}
                    {run.part("racers", move || racer_toggles(run))}
                    <p class="readout-title">"Loss at the latest step"</p>
                    <ul class="readout-list" aria-label="Loss at the latest step, per optimiser">
                        {OPTIMIZERS
                            .iter()
                            .map(|&n| view! { <li>{racer_style(n).0} ": " <strong data-racer=n>{move || final_loss(n)}</strong></li> })
                            .collect_view()}
                    </ul>
                    {move || metrics.with(casualties).into_iter().map(|e| view! { <p class="diverged" role="alert">{e}</p> }).collect_view()}
                </div>
                <div class="figures">
                    <Heatmap title="The race: each optimiser's path on the loss surface (the stronger the shading, the higher the loss; press or drag to move the start, or focus it and use the arrow keys)" data=heat on_pick=pick_start legend=racer_legend />
                    <LineChart title="Loss of each racer" x_label="step" y_label="f(x, y)" series=loss_lines log_y=Signal::derive(move || surface.get() != Surface::Saddle && surface.get() != Surface::Bumpy) csv_name="adam-race-loss" />
                    <LineChart title="Adam's moments for x: raw and bias-corrected" x_label="step" y_label="gradient units" series=Signal::derive(move || internals.get().0) csv_name="adam-moments" />
                    <LineChart title="Adam's step for x, in units of η: taken (bias-corrected) and without correction" x_label="step" y_label="|Δx| / η" series=Signal::derive(move || internals.get().1) csv_name="adam-steps" />
                </div>
            </div>
            {run.part("decay", move || decay_comparison(run, decay_metrics))}
        </RunFrame>
    }
}

/// A checkbox per racer: whether its path and loss are drawn (it trains either way).
fn racer_toggles(run: PanelRun<AdamParams>) -> AnyView {
    let toggle = move |name: &'static str| {
        let on = Signal::derive(move || run.params.with(|p| p.shows(name)));
        let set = Callback::new(move |show: bool| {
            run.set(move |p| {
                p.off.retain(|o| o != name);
                if !show {
                    p.off.push(name.to_string());
                }
            })
        });
        view! { <Toggle label=racer_style(name).0 value=on on_change=set /> }
    };
    view! {
        <fieldset class="racers">
            <legend>"Racers shown"</legend>
            {OPTIMIZERS.iter().map(|&name| toggle(name)).collect_view()}
        </fieldset>
    }
    .into_any()
}

/// Adam + L2 against AdamW at the racers' λ, on a small network.
fn decay_comparison(run: PanelRun<AdamParams>, m: RwSignal<Metrics>) -> AnyView {
    let pair = move |a: &'static str, b: &'static str| {
        Signal::derive(move || {
            m.with(|m| {
                vec![
                    Line::from_metrics(m, a).color(0).label("Adam + L2"),
                    Line::from_metrics(m, b).color(1).label("AdamW"),
                ]
            })
        })
    };
    view! {
        <section class="subpanel" aria-label="Coupled against decoupled weight decay">
            <h3>"Adam + L2 against AdamW at the same λ"</h3>
            <p class="readout-line">
                "Both runs train the same 2→32→32→2 ReLU network from the same weights on a noisy spiral (Adam, η = 0.01, λ = "
                <strong>{move || fmt_num(run.params.get().hyper.weight_decay)}</strong> ")."
            </p>
            <div class="controls controls-row">{run.control(&SEED)}</div>
            <div class="figures two-up">
                <LineChart title="Weight norm ‖θ‖₂" x_label="step" y_label="‖θ‖₂" series=pair("weight_norm_adam_l2", "weight_norm_adamw") csv_name="weight-norms" />
                <LineChart title="Training loss" x_label="step" y_label="cross-entropy (nats)" series=pair("decay_loss_adam_l2", "decay_loss_adamw") log_y=true csv_name="weight-decay-loss" />
            </div>
        </section>
    }
    .into_any()
}
