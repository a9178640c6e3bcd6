//! Panel 06's view: the five recipes' losses and the scaler, the fp32 run's gradients against
//! fp16's range, the formats (see `formats_view.rs`), and what each recipe holds in memory.

use super::formats_view::formats;
use super::histogram::{GradHistogram, LOW};
use super::params::{PrecisionParams, GROWTH, INIT_SCALE, LR, SEED, SHIFT, SHRINK, STEPS};
use super::recipe::{Recipe, RecipeView};
use super::runs::parts;
use crate::components::chart::line::{Line, LineChart, Style};
use crate::components::controls::fmt_num;
use crate::engine::metrics::Metrics;
use crate::kit::run::{use_panel, Jobs, PanelRun, RunControls, RunFrame};
use leptos::prelude::*;

/// fp16: a magnitude in bin e ≤ this rounds to zero (below 2⁻²⁵); in bin ≥ 16, it overflows.
const ZERO_BIN: i32 = -26;
const INF_BIN: i32 = 16;

/// The panel.
#[component]
pub fn PrecisionPanel() -> impl IntoView {
    let (run, jobs) = use_panel::<PrecisionParams>(parts);
    view! {
        <RunFrame run=run>
            <div class="controls controls-row" aria-label="Run">
                <RunControls run=run />
                {run.control(&SEED)}
            </div>
            {recipes(run, jobs)}
            {run.part("fp32", move || gradients(run, jobs))}
            {formats(run)}
            {memory(run, jobs)}
        </RunFrame>
    }
}

/// The label of a recipe's line.
fn label(r: Recipe) -> &'static str {
    match r {
        Recipe::Fp32 => "fp32",
        Recipe::Fp16 => "fp16, no loss scaling",
        Recipe::Fp16Scaled => "fp16, dynamic loss scaling",
        Recipe::Bf16 => "bf16, fp32 master weights",
        Recipe::Bf16Pure => "bf16 weights, updated in bf16",
    }
}

/// Share (percent) of the histogram's nonzero gradients in bins where `keep(e)` holds.
fn share(h: &GradHistogram, keep: impl Fn(i32) -> bool) -> f64 {
    let total: u32 = h.counts.iter().sum();
    let hit: u32 = h.counts.iter().enumerate().filter(|(i, _)| keep(LOW + *i as i32)).map(|(_, c)| c).sum();
    100.0 * f64::from(hit) / f64::from(total.max(1))
}

/// The histogram as a step line, shifted by `k` bins: only the occupied bins and two on each
/// side, so that the axis spans the gradients rather than every exponent an f32 has.
fn steps_of(h: &GradHistogram, k: i32) -> Vec<(f64, f64)> {
    let total = f64::from(h.counts.iter().sum::<u32>().max(1));
    let first = h.counts.iter().position(|&c| c > 0).unwrap_or(0).saturating_sub(2);
    let last = (h.counts.iter().rposition(|&c| c > 0).unwrap_or(0) + 3).min(h.counts.len());
    h.counts[first..last]
        .iter()
        .enumerate()
        .flat_map(|(i, &c)| {
            let (e, y) = (f64::from(LOW + (first + i) as i32 + k), 100.0 * f64::from(c) / total);
            [(e, y), (e + 1.0, y)]
        })
        .collect()
}

/// The fp32 run's gradients against fp16's range.
fn gradients(run: PanelRun<PrecisionParams>, jobs: Jobs) -> AnyView {
    let hist = RwSignal::new(None::<GradHistogram>);
    run.on_draw(move || {
        // Every view replaces the last, so that a Reset clears the old run's histogram.
        if let Some(v) = jobs.view::<RecipeView>("fp32") {
            hist.set(v.hist);
        }
    });
    let metrics = jobs.metrics(run, "fp32");
    let k = move || run.params.with(|p| p.shift);
    let lines = Signal::derive(move || {
        let k = k();
        hist.with(|h| {
            let Some(h) = h else { return Vec::new() };
            let top = steps_of(h, 0).iter().map(|p| p.1).fold(1.0, f64::max);
            let vline = |name: &str, e: f64, color: usize, label: &str| {
                Line::new(name, vec![(e, 0.0), (e, top)]).color(color).style(Style::Reference).label(label.to_string())
            };
            vec![
                Line::new("gradients", steps_of(h, 0)).color(0).label("gradients as computed"),
                Line::new("gradients_scaled", steps_of(h, k)).color(1).label(format!("the same × 2^{k}")),
                vline("fp16_zero", -25.0, 2, "fp16: below 2^−25 rounds to 0"),
                vline("fp16_normal", -14.0, 3, "fp16's smallest normal, 2^−14"),
                vline("fp16_max", 16.0, 6, "fp16's largest, 65504 ≈ 2^16"),
            ]
        })
    });
    let read = move |f: fn(&GradHistogram, i32) -> f64| {
        move || hist.with(|h| h.as_ref().map(|h| format!("{}%", fmt_num(f(h, k())))).unwrap_or_else(|| "–".into()))
    };
    let share_lines = Signal::derive(move || {
        metrics
            .with(|m| vec![Line::from_metrics(m, "underflow_share").color(0).label("share that fp16 would round to 0")])
    });
    view! {
        <section class="subpanel" aria-label="Gradients against fp16's range">
            <h3>"The fp32 run's gradients against fp16's range"</h3>
            <div class="panel-grid">
                <div class="controls" aria-label="Histogram">
                    {run.controls(&[&SHIFT])}
                    <dl class="readouts" aria-label="Gradients and fp16">
                        <dt>"Round to 0 in fp16, as computed"</dt><dd data-readout="zero_share">{read(|h, _| share(h, |e| e <= ZERO_BIN))}</dd>
                        <dt>"Round to 0 in fp16, × 2^k"</dt><dd data-readout="zero_share_scaled">{read(|h, k| share(h, |e| e + k <= ZERO_BIN))}</dd>
                        <dt>"At or above 2^16 (fp16 overflows), × 2^k"</dt><dd data-readout="inf_share_scaled">{read(|h, k| share(h, |e| e + k >= INF_BIN))}</dd>
                        <dt>"From step"</dt><dd>{move || hist.with(|h| h.as_ref().map_or("–".into(), |h| h.step.to_string()))}</dd>
                    </dl>
                </div>
                <div class="figures">
                    <LineChart title="Magnitudes of the fp32 run's latest gradients (logits and weights), by power of two" x_label="log₂ |g|" y_label="% of nonzero gradients" series=lines csv_name="precision-gradient-histogram" />
                    <LineChart title="Share of each step's gradients that fp16 would round to zero" x_label="step" y_label="share" series=share_lines csv_name="precision-underflow-share" />
                </div>
            </div>
        </section>
    }
    .into_any()
}

/// The five recipes' held-out losses, and the scaler.
fn recipes(run: PanelRun<PrecisionParams>, jobs: Jobs) -> AnyView {
    let all: Vec<RwSignal<Metrics>> = Recipe::ALL.iter().map(|r| jobs.metrics(run, r.key())).collect();
    let all = StoredValue::new(all);
    let of = move |r: Recipe| all.with_value(|a| a[Recipe::ALL.iter().position(|&x| x == r).unwrap_or(0)]);
    let loss_lines = Signal::derive(move || {
        Recipe::ALL
            .iter()
            .enumerate()
            .map(|(i, &r)| {
                let line = of(r).with(|m| Line::from_metrics(m, &format!("loss_{}", r.key())));
                let line = line.color(i).label(label(r));
                if r == Recipe::Fp16Scaled {
                    line.style(Style::Reference)
                } else {
                    line
                }
            })
            .collect::<Vec<_>>()
    });
    let scale_lines = Signal::derive(move || {
        of(Recipe::Fp16Scaled).with(|m| {
            let scale = Line::from_metrics(m, "loss_scale").color(2).label("loss scale S");
            let skipped = m.get("skipped_fp16_scaled").map(|s| s.points.clone()).unwrap_or_default();
            // A step overflowed where the count of skipped steps grew (from 0 before step 1).
            let before = std::iter::once(0.0).chain(skipped.iter().map(|p| p.1));
            let marks: Vec<(f64, f64)> = skipped
                .iter()
                .zip(before)
                .zip(&scale.points)
                .filter(|((now, was), _)| now.1 > *was)
                .map(|(_, p)| *p)
                .collect();
            vec![
                scale,
                Line::new("skipped_steps", marks)
                    .color(1)
                    .style(Style::Marker)
                    .label("overflow: step skipped, S halved"),
            ]
        })
    });
    let final_loss = move |r: Recipe| {
        move || {
            of(r)
                .with(|m| m.last(&format!("loss_{}", r.key())))
                .map(|v| format!("{v:.4}"))
                .unwrap_or_else(|| "–".into())
        }
    };
    let skipped = move || {
        of(Recipe::Fp16Scaled).with(|m| m.last("skipped_fp16_scaled")).map_or("–".into(), |v| format!("{v:.0}"))
    };
    let unchanged = move || {
        of(Recipe::Bf16Pure)
            .with(|m| m.last("unchanged_bf16_pure"))
            .map_or("–".into(), |v| format!("{}%", fmt_num(100.0 * v)))
    };
    let zero_grads = move || {
        let z = |r: Recipe, name: &str| of(r).with(|m| m.last(name));
        match (z(Recipe::Fp16, "zero_grads_fp16"), z(Recipe::Fp32, "zero_grads_fp32")) {
            (Some(a), Some(b)) => format!("{}% ({}%)", fmt_num(100.0 * a), fmt_num(100.0 * b)),
            _ => "–".into(),
        }
    };
    // Each recipe's readouts are its part: hide=<recipe> removes them and stops its run.
    let readouts = Recipe::ALL
        .iter()
        .map(|&r| {
            run.part(r.key(), move || {
                let more = match r {
                    Recipe::Fp16 => Some(view! { <dt>"its weight gradients exactly 0 (fp32's)"</dt><dd data-readout="zero_grads">{zero_grads}</dd> }.into_any()),
                    Recipe::Fp16Scaled => Some(view! { <dt>"Steps skipped by the scaler"</dt><dd data-readout="skipped">{skipped}</dd> }.into_any()),
                    Recipe::Bf16Pure => Some(view! { <dt>"bf16 weights the last step left unchanged"</dt><dd data-readout="unchanged">{unchanged}</dd> }.into_any()),
                    _ => None,
                };
                view! {
                    <dl class="readouts" aria-label=format!("{} now", label(r))>
                        <dt>{label(r)}</dt><dd data-readout=format!("final_loss_{}", r.key())>{final_loss(r)}</dd>
                        {more}
                    </dl>
                }
                .into_any()
            })
        })
        .collect::<Vec<_>>();
    view! {
        <section class="subpanel" aria-label="Training recipes">
            <h3>"Five recipes, one model, the same weights and batches"</h3>
            <div class="panel-grid">
                <div class="controls" aria-label="Recipe parameters">
                    {run.controls(&[&LR, &SHRINK, &INIT_SCALE, &GROWTH, &STEPS])}
                    <p class="readouts-title">"Held-out loss now"</p>
                    {readouts}
                </div>
                <div class="figures">
                    <LineChart title="Held-out loss of each recipe (the dashed fp16 line with loss scaling lies on fp32's)" x_label="step" y_label="cross-entropy (nats)" series=loss_lines csv_name="precision-loss" />
                    <LineChart title="The dynamic loss scale, and the steps it skipped" x_label="step" y_label="S" series=scale_lines log_y=true csv_name="precision-loss-scale" />
                </div>
            </div>
        </section>
    }
    .into_any()
}

/// Bytes per parameter by the formula, beside what this run's tensors held.
fn memory(run: PanelRun<PrecisionParams>, jobs: Jobs) -> AnyView {
    let held = RwSignal::new(Vec::<Option<RecipeView>>::new());
    run.on_draw(move || {
        let now: Vec<_> = Recipe::ALL.iter().map(|r| jobs.view::<RecipeView>(r.key())).collect();
        if now.iter().any(Option::is_some) {
            held.update(|h| {
                h.resize(now.len(), None);
                for (slot, v) in h.iter_mut().zip(now) {
                    if v.is_some() {
                        *slot = v;
                    }
                }
            });
        }
    });
    let kib = |b: usize| format!("{} KiB", fmt_num(b as f64 / 1024.0));
    let rows = move || {
        Recipe::ALL
            .iter()
            .enumerate()
            .map(|(i, &r)| {
                // Weights, gradients, fp32 master copy, Adam's two fp32 moments (Rajbhandari et al.
                // 2020, "ZeRO", §3.1: 2 + 2 + 12 = 16 bytes per parameter for mixed precision).
                let (w, g, master) = match r {
                    Recipe::Fp32 => (4, 4, 0),
                    Recipe::Bf16Pure => (2, 2, 0),
                    _ => (2, 2, 4),
                };
                let v = held.with(|h| h.get(i).cloned().flatten());
                let cell = move |f: fn(&RecipeView) -> usize| v.as_ref().map_or("–".into(), |v| kib(f(v)));
                view! {
                    <tr data-recipe=r.key()>
                        <th scope="row">{label(r)}</th>
                        <td>{w}</td><td>{g}</td><td>{master}</td><td>"8"</td><td>{w + g + master + 8}</td>
                        <td data-readout=format!("activations_{}", r.key())>{cell(|v| v.held.activations)}</td>
                        <td>{cell(|v| v.held.weight_copies)}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="subpanel" aria-label="Memory">
            <h3>"What each recipe keeps in memory"</h3>
            <div class="table-wrap">
                <table class="formats memory">
                    <thead>
                        <tr><th></th><th colspan="5">"bytes per parameter with Adam (formula)"</th><th colspan="2">"this run, one batch (counted: shape × dtype of each tensor its forward pass creates)"</th></tr>
                        <tr><th>"recipe"</th><th>"weights"</th><th>"gradients"</th><th>"fp32 master"</th><th>"Adam m, v"</th><th>"total"</th><th>"activations"</th><th>"weight copies in the compute format"</th></tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
