//! Panel 04's view: the schedule editor (two schedules plotted instantly from their formulas) and
//! two live training runs, A and B, whose losses are drawn together.

use super::params::{ScheduleParams, PEAK_RANGE, TOTAL_RANGE};
use super::runs::{factory, SharedJob};
use crate::components::chart::line::{Line, LineChart};
use crate::components::controls::{fmt_num, PlayControls, Progress, Select, Slider};
use crate::components::panel_frame::PanelFrame;
use crate::engine::group::JobGroup;
use crate::engine::job::Status;
use crate::engine::schedule::Kind;
use crate::engine::scheduler::JobHandle;
use crate::kit::hooks::{
    current_slug, device, group_actions, on_tick, update_params, use_jobs, use_url_params, StepRate, UrlStart,
};
use leptos::prelude::*;

fn kind_options() -> Vec<(&'static str, &'static str)> {
    vec![
        ("constant", "constant"),
        ("step", "step decay"),
        ("linear", "linear decay"),
        ("cosine", "cosine"),
        ("warmup_cosine", "warmup + cosine"),
        ("inv_sqrt", "inverse square root (Noam)"),
        ("wsd", "warmup–stable–decay (WSD)"),
    ]
}

/// The panel.
#[component]
pub fn ScheduleRaceView() -> impl IntoView {
    let UrlStart { params, notes, autoplay, initial } = use_url_params::<ScheduleParams>();
    let jobs: [SharedJob; 2] = super::runs::pair(&initial, &device());
    let group = JobGroup(jobs.iter().map(|j| j.clone() as JobHandle).collect());
    if autoplay {
        group.each(|j| j.play());
    }
    let root = use_jobs(group.clone());
    let jobs = StoredValue::new_local(jobs);
    let group = StoredValue::new_local(group);

    let status = RwSignal::new(Status::Idle);
    let steps = RwSignal::new(0u64);
    let rate = StepRate::new();
    let loss_lines = RwSignal::new(Vec::<Line>::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let refresh = move || {
        group.with_value(|g| {
            status.set(g.status());
            steps.set(g.steps());
            rate.observe(g.steps());
        });
        jobs.with_value(|js| {
            let lines = js
                .iter()
                .map(|j| {
                    let j = j.borrow();
                    Line::from_metrics(j.metrics(), &j.metric_names()[0])
                })
                .collect();
            loss_lines.set(lines);
            errors.set(
                js.iter().filter_map(|j| j.borrow().exp().error.clone().or_else(|| j.borrow().error.clone())).collect(),
            );
        });
    };
    on_tick(refresh);
    // The schedules themselves: a pure function of the step, redrawn as soon as a slider moves.
    let lr_lines = Signal::derive(move || {
        let p = params.get();
        let stride = (p.total / 400).max(1);
        [("lr_a", p.a), ("lr_b", p.b)]
            .into_iter()
            .map(|(name, kind)| {
                let s = p.schedule(kind);
                let points = (0..p.total).step_by(stride).map(|t| ((t + 1) as f64, s.lr(t))).collect();
                Line::new(name, points)
            })
            .collect::<Vec<_>>()
    });

    // Parameter changes restart both runs from the new settings (the URL is rewritten too).
    let set_param = move |f: &dyn Fn(&mut ScheduleParams)| {
        let change = |p: &mut ScheduleParams| {
            f(p);
            p.warmup = p.warmup.clamp(2, p.total - 2);
        };
        if let Some(p) = update_params(params, &change) {
            jobs.with_value(|js| {
                for (j, (kind, run)) in js.iter().zip([(p.a, "a"), (p.b, "b")]) {
                    j.borrow_mut().reconfigure(factory(&p, kind, run, &device()), p.total as u64, autoplay);
                }
            });
            refresh();
        }
    };
    let control = move |f: fn(&mut ScheduleParams, f64)| Callback::new(move |v: f64| set_param(&|p| f(p, v)));
    let both = group_actions(group.get_value(), refresh);
    let pick = move |which: fn(&mut ScheduleParams, Kind)| {
        Callback::new(move |k: String| {
            if let Some(kind) = Kind::from_key(&k) {
                set_param(&|p| which(p, kind));
            }
        })
    };

    let hidden = move |name: &str| params.with(|p| p.hide.iter().any(|h| h == name));
    let final_loss = move |i: usize| {
        loss_lines.with(|l| l.get(i).and_then(|s| s.points.last()).map(|p| fmt_num(p.1)).unwrap_or_else(|| "–".into()))
    };

    view! {
        <PanelFrame slug=current_slug() notes=notes root=root>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <Show when=move || !hidden("a")>
                        <Select label="Run A schedule" options=kind_options() value=Signal::derive(move || params.get().a.key().to_string()) on_change=pick(|p, k| p.a = k) />
                    </Show>
                    <Show when=move || !hidden("b")>
                        <Select label="Run B schedule" options=kind_options() value=Signal::derive(move || params.get().b.key().to_string()) on_change=pick(|p, k| p.b = k) />
                    </Show>
                    <Show when=move || !hidden("peak")>
                        <Slider label="Peak learning rate" min=PEAK_RANGE.0 max=PEAK_RANGE.1 log=true value=Signal::derive(move || params.get().peak) on_change=control(|p, v| p.peak = v) />
                    </Show>
                    <Show when=move || !hidden("warmup")>
                        <Slider label="Warmup steps" min=2.0 max=500.0 value=Signal::derive(move || params.get().warmup as f64) on_change=control(|p, v| p.warmup = v.round() as usize) />
                    </Show>
                    <Show when=move || !hidden("total")>
                        <Slider label="Total steps" min=TOTAL_RANGE.0 as f64 max=TOTAL_RANGE.1 as f64 step=10.0 value=Signal::derive(move || params.get().total as f64) on_change=control(|p, v| p.total = v.round() as usize) />
                    </Show>
                    <Show when=move || !hidden("min_ratio")>
                        <Slider label="Minimum LR (fraction of peak)" min=0.0 max=1.0 step=0.01 value=Signal::derive(move || params.get().min_ratio) on_change=control(|p, v| p.min_ratio = v) />
                    </Show>
                    <Show when=move || !hidden("seed")>
                        <Slider label="Seed" min=0.0 max=999.0 value=Signal::derive(move || params.get().seed as f64) on_change=control(|p, v| p.seed = v.round() as u64) />
                    </Show>
                    <PlayControls status=status actions=both />
                    <Progress done=steps total=Signal::derive(move || params.get().total as u64) rate=rate.rate />
                    <p class="readout-line">"Loss A " <strong>{move || final_loss(0)}</strong> " · loss B " <strong>{move || final_loss(1)}</strong></p>
                    {move || errors.get().into_iter().map(|e| view! { <p class="diverged" role="alert">{e}</p> }).collect_view()}
                </div>
                <div class="figures">
                    <LineChart title="The schedules: learning rate at each step" x_label="step" y_label="learning rate" series=lr_lines csv_name="lr-schedules" />
                    <LineChart title="Training loss under each schedule (Adam, same model, data and seed)" x_label="step" y_label="cross-entropy (nats)" series=loss_lines log_y=true csv_name="lr-schedule-losses" />
                </div>
            </div>
        </PanelFrame>
    }
}
