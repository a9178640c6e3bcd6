//! Panel 03's view: the optimiser race on a loss surface (drag the start on the chart), its loss
//! curves, Adam's internals for one coordinate, and the Adam + L2 against AdamW comparison.

use super::params::{AdamParams, EPS_RANGE, LR_RANGE, STEPS_RANGE, WD_RANGE};
use super::race::OPTIMIZERS;
use super::runs::{decay_factory, race_factory, DECAY_STEPS};
use crate::components::chart::heatmap::{Heatmap, HeatmapData, Path, Ramp};
use crate::components::chart::line::{Line, LineChart};
use crate::components::controls::{fmt_num, PlayControls, Progress, Select, Slider, Toggle};
use crate::components::panel_frame::PanelFrame;
use crate::engine::group::JobGroup;
use crate::engine::job::Status;
use crate::engine::metrics::Metrics;
use crate::engine::surfaces::Surface;
use crate::kit::hooks::{
    current_slug, device, group_actions, on_tick, update_params, use_jobs, use_url_params, StepRate, UrlStart,
};
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
        losses.push(Line::from_metrics(m, &format!("loss_{name}")).color(color));
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
        Line::from_metrics(m, "adam_m").color(7),
        Line::from_metrics(m, "adam_m_hat").color(0),
        sqrt("sqrt_v", "adam_v").color(6),
        sqrt("sqrt_v_hat", "adam_v_hat").color(1),
    ];
    let steps = vec![Line::from_metrics(m, "adam_step").color(0), Line::from_metrics(m, "adam_step_raw").color(5)];
    (moments, steps)
}

/// The panel.
#[component]
pub fn AdamPanel() -> impl IntoView {
    let UrlStart { params, notes, autoplay, initial } = use_url_params::<AdamParams>();
    let (race, decay, jobs) = super::runs::build(&initial, &device());
    let group = JobGroup(jobs);
    if autoplay {
        group.each(|j| j.play());
    }
    let root = use_jobs(group.clone());
    let (race, decay, group) =
        (StoredValue::new_local(race), StoredValue::new_local(decay), StoredValue::new_local(group));

    let status = RwSignal::new(Status::Idle);
    let steps = RwSignal::new(0u64);
    let rate = StepRate::new();
    let metrics = RwSignal::new(Metrics::default());
    let decay_metrics = RwSignal::new(Metrics::default());
    // Steps each job had when its series were last copied out: between readbacks there is nothing
    // new, so the surface, paths and charts are not rebuilt on every tick.
    let copied = StoredValue::new((u64::MAX, u64::MAX));
    let refresh = move || {
        group.with_value(|g| status.set(g.status()));
        let (race_steps, decay_steps) =
            (race.with_value(|j| j.borrow().steps()), decay.with_value(|j| j.borrow().steps()));
        steps.set(race_steps);
        rate.observe(race_steps);
        let (seen_race, seen_decay) = copied.get_value();
        if race_steps != seen_race {
            race.with_value(|j| metrics.set(j.borrow().metrics().clone()));
        }
        if decay_steps != seen_decay {
            decay.with_value(|j| decay_metrics.set(j.borrow().metrics().clone()));
        }
        copied.set_value((race_steps, decay_steps));
    };
    on_tick(refresh);

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
    let internals = Memo::new(move |_| metrics.with(internals_view));
    let decay_losses = Signal::derive(move || {
        decay_metrics.with(|m| {
            vec![
                Line::from_metrics(m, "decay_loss_adam_l2").color(5),
                Line::from_metrics(m, "decay_loss_adamw").color(1),
            ]
        })
    });
    let decay_norms = Signal::derive(move || {
        decay_metrics.with(|m| {
            vec![
                Line::from_metrics(m, "weight_norm_adam_l2").color(5),
                Line::from_metrics(m, "weight_norm_adamw").color(1),
            ]
        })
    });

    // A change restarts only the runs it affects; the URL is rewritten too.
    let set_param = move |f: &dyn Fn(&mut AdamParams)| {
        let old = params.get_untracked();
        if let Some(p) = update_params(params, f) {
            if (p.surface, p.start, p.hyper, p.steps) != (old.surface, old.start, old.hyper, old.steps) {
                race.with_value(|j| j.borrow_mut().reconfigure(race_factory(&p, &device()), p.steps, autoplay));
            }
            if (p.hyper.weight_decay, p.seed) != (old.hyper.weight_decay, old.seed) {
                decay.with_value(|j| j.borrow_mut().reconfigure(decay_factory(&p, &device()), DECAY_STEPS, autoplay));
            }
            refresh();
        }
    };
    let control = move |f: fn(&mut AdamParams, f64)| Callback::new(move |v: f64| set_param(&|p| f(p, v)));
    let all = group_actions(group.get_value(), refresh);
    let pick_surface = Callback::new(move |k: String| {
        if let Some(s) = Surface::from_key(&k) {
            // A new surface brings its own start and learning rate; everything else stays.
            set_param(&|p| {
                let d = AdamParams::on(s);
                (p.surface, p.start, p.hyper.lr) = (s, d.start, d.hyper.lr);
            });
        }
    });
    let pick_start = Callback::new(move |(x, y): (f64, f64)| {
        let round = |v: f64| (v * 100.0).round() / 100.0;
        set_param(&|p| p.start = (round(x), round(y)));
    });
    let hidden = move |name: &str| params.with(|p| p.hide.iter().any(|h| h == name));
    let final_loss = move |name: &'static str| {
        metrics.with(|m| {
            m.get(&format!("loss_{name}")).and_then(|s| s.last_value()).map(fmt_num).unwrap_or_else(|| "–".into())
        })
    };
    let surfaces = vec![
        ("quadratic", "ill-conditioned quadratic (κ = 20)"),
        ("rosenbrock", "Rosenbrock's banana valley"),
        ("saddle", "saddle point"),
        ("bumpy", "bowl with many local minima"),
    ];

    view! {
        <PanelFrame slug=current_slug() notes=notes root=root>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <Show when=move || !hidden("surface")>
                        <Select label="Loss surface" options=surfaces.clone() value=Signal::derive(move || surface.get().key().to_string()) on_change=pick_surface />
                    </Show>
                    <Show when=move || !hidden("lr")>
                        <Slider label="Learning rate η" min=LR_RANGE.0 max=LR_RANGE.1 log=true value=Signal::derive(move || params.get().hyper.lr) on_change=control(|p, v| p.hyper.lr = v) />
                    </Show>
                    <Show when=move || !hidden("beta1")>
                        <Slider label="β₁ (and momentum μ)" min=0.0 max=0.999 step=0.001 value=Signal::derive(move || params.get().hyper.beta1) on_change=control(|p, v| p.hyper.beta1 = v) />
                    </Show>
                    <Show when=move || !hidden("beta2")>
                        <Slider label="β₂ (and RMSprop's α)" min=0.0 max=0.9999 step=0.0001 value=Signal::derive(move || params.get().hyper.beta2) on_change=control(|p, v| p.hyper.beta2 = v) />
                    </Show>
                    <Show when=move || !hidden("eps")>
                        <Slider label="ε" min=EPS_RANGE.0 max=EPS_RANGE.1 log=true value=Signal::derive(move || params.get().hyper.eps) on_change=control(|p, v| p.hyper.eps = v) />
                    </Show>
                    <Show when=move || !hidden("wd")>
                        <Slider label="Weight decay λ (AdamW here, both runs below)" min=WD_RANGE.0 max=WD_RANGE.1 step=0.001 value=Signal::derive(move || params.get().hyper.weight_decay) on_change=control(|p, v| p.hyper.weight_decay = v) />
                    </Show>
                    <Show when=move || !hidden("steps")>
                        <Slider label="Race length (steps)" min=STEPS_RANGE.0 as f64 max=STEPS_RANGE.1 as f64 step=10.0 value=Signal::derive(move || params.get().steps as f64) on_change=control(|p, v| p.steps = v.round() as u64) />
                    </Show>
                    <Show when=move || !hidden("racers")>
                        <fieldset class="racers">
                            <legend>"Racers shown"</legend>
                            {OPTIMIZERS
                                .iter()
                                .map(|&name| {
                                    let (label, _) = racer_style(name);
                                    let on = Signal::derive(move || params.with(|p| p.shows(name)));
                                    let toggle = Callback::new(move |show: bool| {
                                        set_param(&|p| {
                                            p.off.retain(|o| o != name);
                                            if !show {
                                                p.off.push(name.to_string());
                                            }
                                        })
                                    });
                                    view! { <Toggle label=label value=on on_change=toggle /> }
                                })
                                .collect_view()}
                        </fieldset>
                    </Show>
                    <PlayControls status=status actions=all />
                    <Progress done=steps total=Signal::derive(move || params.get().steps) rate=rate.rate />
                    <ul class="readout-list" aria-label="Final loss per optimiser">
                        {OPTIMIZERS
                            .iter()
                            .map(|&n| view! { <li>{racer_style(n).0} ": " <strong data-racer=n>{move || final_loss(n)}</strong></li> })
                            .collect_view()}
                    </ul>
                    {move || metrics.with(casualties).into_iter().map(|e| view! { <p class="diverged" role="alert">{e}</p> }).collect_view()}
                </div>
                <div class="figures">
                    <Heatmap title="The race: each optimiser's path on the loss surface (darker is higher; press or drag to move the start)" data=heat on_pick=pick_start />
                    <LineChart title="Loss of each racer" x_label="step" y_label="f(x, y)" series=loss_lines log_y=Signal::derive(move || surface.get() != Surface::Saddle && surface.get() != Surface::Bumpy) csv_name="adam-race-loss" />
                    <LineChart title="Adam's moments for x: raw and bias-corrected" x_label="step" y_label="gradient units" series=Signal::derive(move || internals.get().0) csv_name="adam-moments" />
                    <LineChart title="Adam's step for x, in units of η: taken (bias-corrected) and without correction" x_label="step" y_label="|Δx| / η" series=Signal::derive(move || internals.get().1) csv_name="adam-steps" />
                </div>
            </div>
            <Show when=move || !hidden("decay")>
                <section class="subpanel" aria-label="Coupled against decoupled weight decay">
                    <h3>"Adam + L2 against AdamW at the same λ"</h3>
                    <p class="readout-line">
                        "Both runs train the same 2→32→32→2 ReLU network from the same weights on a noisy spiral (Adam, η = 0.01, λ = "
                        <strong>{move || fmt_num(params.get().hyper.weight_decay)}</strong> ")."
                    </p>
                    <div class="figures two-up">
                        <LineChart title="Weight norm ‖θ‖₂" x_label="step" y_label="‖θ‖₂" series=decay_norms csv_name="weight-norms" />
                        <LineChart title="Training loss" x_label="step" y_label="cross-entropy (nats)" series=decay_losses log_y=true csv_name="weight-decay-loss" />
                    </div>
                </section>
            </Show>
        </PanelFrame>
    }
}
