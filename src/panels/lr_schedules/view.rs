//! Panel 04's view: the schedule editor (two schedules plotted instantly from their formulas) and
//! two live training runs, A and B, whose losses are drawn together.

use super::params::{ScheduleParams, A, B, MIN_RATIO, PEAK, SEED, TOTAL, WARMUP};
use super::runs::parts;
use crate::components::chart::line::{Line, LineChart};
use crate::components::controls::fmt_num;
use crate::engine::choice::Choice;
use crate::engine::job::Steppable;
use crate::engine::schedule::Kind;
use crate::kit::run::{use_panel, RunControls, RunFrame};
use leptos::prelude::*;

/// The panel.
#[component]
pub fn ScheduleRaceView() -> impl IntoView {
    let (run, jobs) = use_panel::<ScheduleParams>(parts);
    let loss_lines = RwSignal::new(Vec::<Line>::new());
    // A schedule Burn rejected (the run then says why and uses a constant rate).
    let rejected = RwSignal::new(Vec::<String>::new());
    let params = run.params;
    run.on_draw(move || {
        let kinds = params.with_untracked(|p| [p.a, p.b]);
        let runs = [("a", "A", kinds[0]), ("b", "B", kinds[1])];
        let line = |(part, run, kind): (&str, &str, Kind)| {
            let line = jobs.with(part, |j| Line::from_metrics(j.metrics(), &format!("loss_{part}")))?;
            Some(line.label(format!("run {run}: {}", kind.label())))
        };
        loss_lines.set(runs.into_iter().filter_map(line).collect());
        let why = |(part, _, _): (&str, &str, Kind)| jobs.view::<Option<String>>(part).flatten();
        rejected.set(runs.into_iter().filter_map(why).collect());
    });
    // The schedules themselves: a pure function of the step, redrawn as soon as a slider moves.
    let lr_lines = Signal::derive(move || {
        let p = params.get();
        let stride = (p.total / 400).max(1);
        [("schedule_a", "A", p.a), ("schedule_b", "B", p.b)]
            .into_iter()
            .map(|(name, run, kind)| {
                let s = p.schedule(kind);
                let points = (0..p.total).step_by(stride).map(|t| ((t + 1) as f64, s.lr(t))).collect();
                Line::new(name, points).label(format!("{run}: {}", kind.label()))
            })
            .collect::<Vec<_>>()
    });
    let final_loss = move |i: usize| {
        loss_lines.with(|l| l.get(i).and_then(|s| s.points.last()).map(|p| fmt_num(p.1)).unwrap_or_else(|| "–".into()))
    };

    view! {
        <RunFrame run=run>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <RunControls run=run />
                    {run.controls(&[&A, &B, &PEAK, &WARMUP, &TOTAL, &MIN_RATIO, &SEED])}
                    <p class="readout-line">"Loss A " <strong>{move || final_loss(0)}</strong> " · loss B " <strong>{move || final_loss(1)}</strong></p>
                    {move || rejected.get().into_iter().map(|e| view! { <p class="diverged" role="alert">{e}</p> }).collect_view()}
                </div>
                <div class="figures">
                    <LineChart title="The schedules: learning rate at each step" x_label="step" y_label="learning rate" series=lr_lines csv_name="lr-schedules" />
                    <LineChart title="Training loss under each schedule (Adam, same model, data and seed)" x_label="step" y_label="cross-entropy (nats)" series=loss_lines log_y=true csv_name="lr-schedule-losses" />
                </div>
            </div>
        </RunFrame>
    }
}
