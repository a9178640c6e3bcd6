//! Panel 02's view: controls for data, network and learning rate; the live decision boundary, loss
//! and per-layer gradient-norm charts; and the step-once table of layer 0's update.

use super::experiment::{BackpropView, Inspection, GRID, GRID_EXTENT};
use super::params::{BackpropParams, Optim, ACT, DATASET, DEPTH, LR, NOISE, OPTIM, SEED, STEPS, WIDTH};
use super::runs::parts;
use crate::components::chart::heatmap::{Heatmap, HeatmapData};
use crate::components::chart::line::{Line, LineChart};
use crate::components::controls::{fmt_num, Toggle};
use crate::engine::job::Steppable;
use crate::kit::run::{use_panel, RunControls, RunFrame};
use leptos::prelude::*;

/// Layer `i` of `layers` weight layers: its gradient norm, labelled by where the layer sits.
fn layer_line(m: &crate::engine::metrics::Metrics, i: usize, layers: usize) -> Line {
    let place = if i == 0 {
        " (nearest the input)"
    } else if i + 1 == layers {
        " (output)"
    } else {
        ""
    };
    Line::from_metrics(m, &format!("grad_norm_layer_{i}")).label(format!("layer {i}{place}"))
}

/// The panel. Reads its parameters from the URL once, then keeps the URL in step with the controls.
#[component]
pub fn BackpropPanel() -> impl IntoView {
    let (run, jobs) = use_panel::<BackpropParams>(parts);
    let loss_lines = RwSignal::new(Vec::<Line>::new());
    let grad_lines = RwSignal::new(Vec::<Line>::new());
    let accuracy = RwSignal::new(None::<f64>);
    let heat = RwSignal::new(HeatmapData::default());
    let inspection = RwSignal::new(None::<Inspection>);
    let params = run.params;
    run.on_draw(move || {
        jobs.with("main", |j| {
            let m = j.metrics();
            // One line per weight layer, named before the first result arrives.
            let layers = params.with_untracked(|p| p.dims().len() - 1);
            loss_lines.set(vec![Line::from_metrics(m, "train_loss").label("training loss")]);
            grad_lines.set((0..layers).map(|i| layer_line(m, i, layers)).collect());
            accuracy.set(m.last("train_acc"));
            let v: BackpropView = j.view().unwrap_or_default();
            inspection.set(v.inspection);
            let points = v.points.xs.iter().zip(&v.points.ys).map(|(p, &c)| (p[0], p[1], c)).collect();
            heat.set(HeatmapData {
                n: GRID,
                extent: f64::from(GRID_EXTENT),
                values: v.boundary,
                points,
                ..Default::default()
            });
            // The boundary just drawn is consumed: compute the next one with the next slice.
            j.request_snapshot();
        });
    });
    let log_loss = RwSignal::new(true);
    let loss_now = move || loss_lines.with(|l| l.first().and_then(|s| s.points.last()).map(|p| fmt_num(p.1)));

    view! {
        <RunFrame run=run>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <RunControls run=run />
                    {run.controls(&[&DATASET, &NOISE, &DEPTH, &WIDTH, &ACT, &LR, &OPTIM, &SEED, &STEPS])}
                    <Toggle label="Log scale for the loss chart" value=log_loss on_change=Callback::new(move |v| log_loss.set(v)) />
                    <p class="readout-line">
                        "Loss "
                        <strong data-testid="loss-value">{move || loss_now().unwrap_or_else(|| "–".into())}</strong>
                        " · accuracy "
                        <strong>{move || accuracy.get().map(|a| format!("{:.1}%", a * 100.0)).unwrap_or_else(|| "–".into())}</strong>
                    </p>
                </div>
                <div class="figures">
                    <Heatmap title="Decision boundary: colour is the model's P(class), dots are the training points" data=heat />
                    <LineChart title="Training loss" x_label="step" y_label="cross-entropy (nats)" series=loss_lines log_y=log_loss csv_name="backprop-loss" />
                    <LineChart title="Gradient norm per layer, ‖∂L/∂W‖" x_label="step" y_label="norm" series=grad_lines log_y=true csv_name="backprop-grad-norms" />
                    <InspectionTable inspection=inspection lr=Signal::derive(move || params.get().lr) optim=Signal::derive(move || params.get().optim) />
                </div>
            </div>
        </RunFrame>
    }
}

/// Layer 0's numbers around the last "Step": w, ∂L/∂w, and w after the update.
#[component]
fn InspectionTable(
    #[prop(into)] inspection: Signal<Option<Inspection>>,
    #[prop(into)] lr: Signal<f64>,
    #[prop(into)] optim: Signal<Optim>,
) -> impl IntoView {
    view! {
        <figure class="inspection">
            <figcaption>"One step, up close: the first weights of layer 0"</figcaption>
            {move || match inspection.get() {
                None => view! { <p class="hint">"Press Step to run one forward and backward pass and see these weights change."</p> }.into_any(),
                Some(ins) => {
                    let eta = lr.get();
                    view! {
                        <table>
                            <caption>{format!("step {} · η = {}", ins.step, fmt_num(eta))}</caption>
                            <thead><tr><th scope="col">"w before"</th><th scope="col">"∂L/∂w"</th><th scope="col">"w − η·∂L/∂w"</th><th scope="col">"w after"</th></tr></thead>
                            <tbody>
                                {(0..ins.before.len())
                                    .map(|k| {
                                        let (w, g, a) = (f64::from(ins.before[k]), f64::from(ins.grad[k]), f64::from(ins.after[k]));
                                        view! { <tr><td>{format!("{w:.5}")}</td><td>{format!("{g:.5}")}</td><td>{format!("{:.5}", w - eta * g)}</td><td>{format!("{a:.5}")}</td></tr> }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                        {(optim.get() == Optim::Momentum).then(|| view! { <p class="hint">"With momentum the update also carries the previous steps' velocity, so “w after” can differ from w − η·∂L/∂w."</p> })}
                    }
                    .into_any()
                }
            }}
        </figure>
    }
}
