//! Panel 02's view: controls for data, network and learning rate; the live decision boundary, loss
//! and per-layer gradient-norm charts; and the step-once table of layer 0's update.

use super::experiment::{BackpropExperiment, Inspection, GRID, GRID_EXTENT};
use super::params::{BackpropParams, Optim, DEPTH_RANGE, LR_RANGE, STEPS_RANGE, WIDTH_RANGE};
use super::runs::factory;
use crate::components::chart::heatmap::{Heatmap, HeatmapData};
use crate::components::chart::line::{Line, LineChart};
use crate::components::controls::{fmt_num, PlayControls, Progress, Select, Slider, Toggle};
use crate::components::panel_frame::PanelFrame;
use crate::engine::data::toy2d::Shape;
use crate::engine::group::JobGroup;
use crate::engine::job::{Job, Status};
use crate::engine::models::mlp::Activation;
use crate::kit::hooks::{
    current_slug, device, group_actions, on_tick, update_params, use_jobs, use_url_params, StepRate, UrlStart,
};
use leptos::prelude::*;

fn series(job: &Job<BackpropExperiment>, names: &[String]) -> Vec<Line> {
    names.iter().map(|n| Line::from_metrics(job.metrics(), n)).collect()
}

/// The panel. Reads its parameters from the URL once, then keeps the URL in step with the controls.
#[component]
pub fn BackpropPanel() -> impl IntoView {
    let UrlStart { params, notes, autoplay, initial } = use_url_params::<BackpropParams>();
    let job = super::runs::job(&initial, &device());
    let group = JobGroup(vec![job.clone()]);
    if autoplay {
        group.each(|j| j.play());
    }
    let root = use_jobs(group.clone());
    let job = StoredValue::new_local(job);

    // View state, refreshed from the job on every runtime tick.
    let status = RwSignal::new(Status::Idle);
    let steps = RwSignal::new(0u64);
    let rate = StepRate::new();
    let loss_lines = RwSignal::new(Vec::<Line>::new());
    let grad_lines = RwSignal::new(Vec::<Line>::new());
    let accuracy = RwSignal::new(None::<f64>);
    let heat = RwSignal::new(HeatmapData::default());
    let inspection = RwSignal::new(None::<Inspection>);
    let error = RwSignal::new(None::<String>);
    let last = StoredValue::new(u64::MAX);
    let refresh = move || {
        job.with_value(|j| {
            let mut j = j.borrow_mut();
            status.set(j.status());
            error.set(j.error.clone());
            let s = j.steps();
            if s == last.get_value() && s != 0 {
                return;
            }
            rate.observe(s);
            last.set_value(s);
            steps.set(s);
            let names = j.metric_names();
            loss_lines.set(series(&j, &names[..1]));
            grad_lines.set(series(&j, &names[2..]));
            accuracy.set(j.metrics().get("train_acc").and_then(|s| s.last_value()));
            inspection.set(j.exp().inspection.clone());
            let points = j.exp().points.xs.iter().zip(&j.exp().points.ys).map(|(p, &c)| (p[0], p[1], c)).collect();
            let values = j.exp().boundary.clone();
            heat.set(HeatmapData { n: GRID, extent: f64::from(GRID_EXTENT), values, points, ..Default::default() });
            // The boundary just drawn is consumed: compute the next one with the next slice.
            j.request_snapshot();
        });
    };
    on_tick(refresh);

    // Parameter changes restart the run from the new settings (the URL is rewritten too).
    let set_param = move |f: &dyn Fn(&mut BackpropParams)| {
        if let Some(p) = update_params(params, f) {
            job.with_value(|j| j.borrow_mut().reconfigure(factory(&p, &device()), p.steps, autoplay));
            last.set_value(u64::MAX);
            refresh();
        }
    };
    let control = move |f: fn(&mut BackpropParams, f64)| Callback::new(move |v: f64| set_param(&|p| f(p, v)));
    let act_job = group_actions(group, refresh);

    let hidden = move |name: &str| params.with(|p| p.hide.iter().any(|h| h == name));
    let diverged = move || status.get() == Status::Diverged;
    let log_loss = RwSignal::new(true);

    view! {
        <PanelFrame slug=current_slug() notes=notes root=root>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <Show when=move || !hidden("dataset")>
                        <Select
                            label="Data set"
                            options=Shape::ALL.iter().map(|s| (s.key(), s.key())).collect()
                            value=Signal::derive(move || params.get().dataset.key().to_string())
                            on_change=Callback::new(move |k: String| {
                                if let Some(s) = Shape::from_key(&k) {
                                    set_param(&|p| p.dataset = s);
                                }
                            })
                        />
                    </Show>
                    <Show when=move || !hidden("noise")>
                        <Slider label="Noise" min=0.0 max=0.5 step=0.01 value=Signal::derive(move || params.get().noise) on_change=control(|p, v| p.noise = v) />
                    </Show>
                    <Show when=move || !hidden("depth")>
                        <Slider label="Hidden layers" min=DEPTH_RANGE.0 as f64 max=DEPTH_RANGE.1 as f64 value=Signal::derive(move || params.get().depth as f64) on_change=control(|p, v| p.depth = v.round() as usize) />
                    </Show>
                    <Show when=move || !hidden("width")>
                        <Slider label="Units per layer" min=WIDTH_RANGE.0 as f64 max=WIDTH_RANGE.1 as f64 value=Signal::derive(move || params.get().width as f64) on_change=control(|p, v| p.width = v.round() as usize) />
                    </Show>
                    <Show when=move || !hidden("act")>
                        <Select
                            label="Activation"
                            options=Activation::ALL.iter().map(|a| (a.key(), a.key())).collect()
                            value=Signal::derive(move || params.get().act.key().to_string())
                            on_change=Callback::new(move |k: String| {
                                if let Some(a) = Activation::from_key(&k) {
                                    set_param(&|p| p.act = a);
                                }
                            })
                        />
                    </Show>
                    <Show when=move || !hidden("lr")>
                        <Slider label="Learning rate" min=LR_RANGE.0 max=LR_RANGE.1 log=true value=Signal::derive(move || params.get().lr) on_change=control(|p, v| p.lr = v) />
                    </Show>
                    <Show when=move || !hidden("optim")>
                        <Select
                            label="Optimizer"
                            options=vec![("sgd", "SGD"), ("momentum", "SGD + momentum 0.9")]
                            value=Signal::derive(move || params.get().optim.key().to_string())
                            on_change=Callback::new(move |k: String| {
                                if let Some(o) = Optim::from_key(&k) {
                                    set_param(&|p| p.optim = o);
                                }
                            })
                        />
                    </Show>
                    <Show when=move || !hidden("seed")>
                        <Slider label="Seed" min=0.0 max=999.0 value=Signal::derive(move || params.get().seed as f64) on_change=control(|p, v| p.seed = v.round() as u64) />
                    </Show>
                    <Slider label="Step budget" min=STEPS_RANGE.0 as f64 max=20_000.0 log=true value=Signal::derive(move || params.get().steps as f64) on_change=control(|p, v| p.steps = v.round() as u64) />
                    <PlayControls
                        status=status
                        actions=act_job
                    />
                    <Toggle label="Log scale for the loss chart" value=log_loss on_change=Callback::new(move |v| log_loss.set(v)) />
                    <Progress done=steps total=Signal::derive(move || params.get().steps) rate=rate.rate />
                    <p class="readout-line">
                        "Loss "
                        <strong data-testid="loss-value">{move || loss_lines.with(|l| l.first().and_then(|s| s.points.last()).map(|p| fmt_num(p.1)).unwrap_or_else(|| "–".into()))}</strong>
                        " · accuracy "
                        <strong>{move || accuracy.get().map(|a| format!("{:.1}%", a * 100.0)).unwrap_or_else(|| "–".into())}</strong>
                    </p>
                    <Show when=diverged>
                        <p class="diverged" role="alert">
                            <strong>"Diverged. "</strong>
                            {move || error.get().unwrap_or_default()}
                        </p>
                    </Show>
                </div>
                <div class="figures">
                    <Heatmap title="Decision boundary: colour is the model's P(class), dots are the training points" data=heat />
                    <LineChart title="Training loss" x_label="step" y_label="cross-entropy (nats)" series=loss_lines log_y=log_loss csv_name="backprop-loss" />
                    <LineChart title="Gradient norm per layer, ‖∂L/∂W‖" x_label="step" y_label="norm" series=grad_lines log_y=true csv_name="backprop-grad-norms" />
                    <InspectionTable inspection=inspection lr=Signal::derive(move || params.get().lr) optim=Signal::derive(move || params.get().optim) />
                </div>
            </div>
        </PanelFrame>
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
