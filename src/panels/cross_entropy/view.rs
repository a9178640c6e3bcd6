//! Panel 01's view: one prediction whose logits the reader drags (probabilities, loss in nats and
//! bits, perplexity, the −ln p curve with the prediction marked), then a character language model
//! training live on *Moby-Dick*, with reference lines and text sampled from it as it learns.

use super::bars::{LogitBars, ProbBars};
use super::params::{XentParams, ALPHA, LOGIT_MAX, LR, SEED, SMOOTHING, STEPS, TARGET, TEMP, V};
use super::runs::parts;
use crate::components::chart::line::{Line, LineChart, Style};
use crate::components::controls::fmt_num;
use crate::engine::data::text::Corpus;
use crate::engine::job::{Status, Steppable};
use crate::engine::models::char_mlp::HostCharMlp;
use crate::engine::rng::Rng;
use crate::engine::xent::{cross_entropy, entropy, loss_at, smoothed_target, softmax};
use crate::kit::run::{use_panel, Jobs, PanelRun, RunControls, RunFrame};
use crate::state::web::now_ms;
use leptos::prelude::*;

/// Characters sampled per refresh.
const SAMPLE_LEN: usize = 160;
/// The prompt samples continue from.
const PROMPT: &str = "call me ishmael. ";

/// A horizontal reference line at `y` from x = `x0` to `x1`.
fn reference(name: &str, label: &str, y: f64, x0: f64, x1: f64, color: usize) -> Line {
    Line::new(name, vec![(x0, y), (x1, y)]).color(color).style(Style::Reference).label(label)
}

/// The panel.
#[component]
pub fn XentPanel() -> impl IntoView {
    let (run, lm) = use_panel::<XentParams>(parts);
    let params = run.params;
    // The single prediction: pure functions of the parameters, recomputed as a bar is dragged.
    let probs = Memo::new(move |_| params.with(|p| softmax(&p.logits, p.temp)));
    let target = Signal::derive(move || params.with(|p| p.target));
    let loss = Memo::new(move |_| {
        params.with(|p| cross_entropy(&smoothed_target(p.v(), p.target, p.alpha_in_effect()), &probs.get()))
    });
    let p_target = Signal::derive(move || probs.with(|ps| ps.get(target.get()).copied().unwrap_or(0.0)));
    let curve = Signal::derive(move || {
        let (v, alpha) = params.with(|p| (p.v(), p.alpha_in_effect()));
        let ps: Vec<f64> = (0..=200).map(|i| 10f64.powf(-3.0 + 3.0 * f64::from(i) / 200.0)).collect();
        let neg_log_p = Line::new("neg_log_p", ps.iter().map(|&p| (p, -p.ln())).collect());
        let mut lines = vec![neg_log_p.color(0).label("loss −ln p")];
        if alpha > 0.0 {
            // As p → 1 the smoothed loss climbs without bound (the other tokens' p → 0); the chart stops
            // it at the top of the −ln p curve so that the floor, ln V and the dot keep their room.
            let top = -ps[0].ln();
            let pts = ps.iter().map(|&p| (p, loss_at(p, v, alpha))).filter(|&(_, l)| l <= top).collect();
            lines.push(Line::new("smoothed_loss", pts).color(2).label("loss with label smoothing (cut at the top)"));
        }
        lines.push(reference("ln_v", "ln V: a uniform guess", (v as f64).ln(), 1e-3, 1.0, 6));
        let here = Line::new("this_prediction", vec![(p_target.get(), loss.get())]);
        lines.push(here.color(5).style(Style::Marker).label("this prediction"));
        lines
    });
    let on_set = Callback::new(move |(k, z): (usize, f64)| {
        run.set(move |p| {
            let k = k.min(p.v() - 1);
            p.logits[k] = z;
        })
    });
    let readout = move |f: fn(f64) -> f64| Signal::derive(move || fmt_num(f(loss.get())));

    view! {
        <RunFrame run=run>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    {run.controls(&[&V, &TARGET, &TEMP])}
                    {run.part("presets", move || presets(run))}
                    {run.controls(&[&SMOOTHING, &ALPHA])}
                    <dl class="readouts" aria-label="This prediction">
                        <dt>"p(target)"</dt><dd data-readout="p_target">{move || fmt_num(p_target.get())}</dd>
                        <dt>"Loss (nats)"</dt><dd data-readout="loss_nats">{readout(|l| l)}</dd>
                        <dt>"Loss (bits)"</dt><dd data-readout="loss_bits">{readout(|l| l / std::f64::consts::LN_2)}</dd>
                        <dt>"Perplexity"</dt><dd data-readout="perplexity">{readout(f64::exp)}</dd>
                        <dt>"ln V"</dt><dd data-readout="ln_v">{move || fmt_num((params.get().v() as f64).ln())}</dd>
                        <Show when=move || params.get().smoothing>
                            <dt>"Floor H(q)"</dt>
                            <dd data-readout="floor">{move || params.with(|p| fmt_num(entropy(&smoothed_target(p.v(), p.target, p.alpha))))}</dd>
                        </Show>
                    </dl>
                </div>
                <div class="figures">
                    <LogitBars logits=Signal::derive(move || params.get().logits) target=target on_set=on_set />
                    <ProbBars probs=probs target=target />
                    <LineChart title="Loss against p(target): −ln p, with this prediction marked" x_label="p(target)" y_label="loss (nats)" series=curve csv_name="neg-log-p" />
                </div>
            </div>
            {run.part("model", move || language_model(run, lm))}
        </RunFrame>
    }
}

/// Example predictions, each one click.
fn presets(run: PanelRun<XentParams>) -> AnyView {
    let preset = move |f: fn(&mut XentParams)| move |_| run.set(f);
    view! {
        <div class="presets" role="group" aria-label="Example predictions">
            <button on:click=preset(|p| p.logits.iter_mut().for_each(|z| *z = 0.0))>"Uniform"</button>
            <button on:click=preset(|p| { p.logits.iter_mut().for_each(|z| *z = 0.0); p.logits[p.target] = 6.0; })>"Sure and right"</button>
            <button on:click=preset(|p| { p.logits.iter_mut().for_each(|z| *z = 0.0); let w = (p.target + 1) % p.v(); p.logits[w] = 6.0; p.logits[p.target] = -LOGIT_MAX / 2.0; })>"Sure and wrong"</button>
            <button on:click=preset(|p| { p.logits.iter_mut().for_each(|z| *z = 0.0); p.logits[p.target] = 1.0; })>"Unsure, leaning right"</button>
        </div>
    }
    .into_any()
}

/// The character model on *Moby-Dick*: its loss with reference lines, and text sampled from it
/// about once a second as it learns (again at once when the temperature changes).
fn language_model(run: PanelRun<XentParams>, lm: Jobs) -> AnyView {
    let params = run.params;
    // The text the model trains on, here too: to sample from the weights it sends.
    let corpus = StoredValue::new_local(Corpus::moby_dick());
    let (v_text, unigram) = corpus.with_value(|c| (c.v(), c.unigram_entropy()));
    let taken = StoredValue::new(0u64);
    let lm_lines = RwSignal::new(Vec::<Line>::new());
    // The text shown, and the (step, temperature) it was sampled at.
    let sample = RwSignal::new((String::new(), 0u64, 1.0f64));
    let sampled_at = StoredValue::new(f64::NEG_INFINITY);
    // The last weights read back: kept so that a new temperature re-samples at once.
    let weights = StoredValue::new_local(None::<(HostCharMlp, u64)>);
    let resample = move || {
        weights.with_value(|w| {
            let Some((host, step)) = w else { return };
            let temp = params.with_untracked(|p| p.temp);
            let text = corpus.with_value(|c| {
                let mut rng = Rng::stream(*step, 99);
                c.decode(&host.sample(&c.encode(PROMPT), SAMPLE_LEN, temp, &mut rng))
            });
            sample.set((text, *step, temp));
            sampled_at.set_value(now_ms());
        });
    };
    run.on_draw(move || {
        lm.with("model", |j| {
            if j.steps() == 0 {
                // A new run or a reset: the old run's text goes with it.
                weights.set_value(None);
                sample.set((String::new(), 0, 1.0));
                sampled_at.set_value(f64::NEG_INFINITY);
            }
            let alpha = params.with_untracked(|p| p.alpha_in_effect());
            let m = j.metrics();
            let x1 = (j.steps().max(2)) as f64;
            let mut lines = vec![
                // Each step's loss is one batch's, a noisy band that hid the held-out line: drawn as a
                // trailing mean (its CSV column says so; metrics() keeps every raw value).
                Line::new(
                    "train_loss_mean_of_20",
                    crate::plot::trailing_mean(&Line::from_metrics(m, "train_loss").points, 20),
                )
                .color(0)
                .label("training text (mean of the last 20 batches)"),
                Line::from_metrics(m, "val_loss").color(1).label("held-out text"),
            ];
            lines.push(reference("ln_v", "ln V: a uniform guess", (v_text as f64).ln(), 1.0, x1, 6));
            lines.push(reference("unigram_entropy", "letter frequencies alone", unigram, 1.0, x1, 3));
            if alpha > 0.0 {
                let floor = entropy(&smoothed_target(v_text, 0, alpha));
                lines.push(reference("smoothing_floor", "smoothing floor H(q)", floor, 1.0, x1, 2));
            }
            lm_lines.set(lines);
            // New weights are sampled from about once a second (and once more from a run's last
            // weights when it stops); then the next snapshot is asked for.
            let stopped = j.status() != Status::Running && sample.with_untracked(|s| s.1) < j.steps();
            let due =
                now_ms() - sampled_at.get_value() > 1000.0 || sample.with_untracked(|s| s.0.is_empty()) || stopped;
            if j.view_revision() != taken.get_value() && due {
                let step = j.steps();
                taken.set_value(j.view_revision());
                weights.set_value(j.view::<HostCharMlp>().map(|h| (h, step)));
                resample();
                j.request_snapshot();
            }
        });
    });
    // A new temperature re-samples from the weights already on hand.
    let temp = Memo::new(move |_| params.with(|p| p.temp));
    Effect::new(move |_| {
        temp.track();
        resample();
    });
    view! {
        <section class="subpanel" aria-label="A character language model">
            <h3>"A real model: predicting the next character of Moby-Dick"</h3>
            <div class="panel-grid">
                <div class="controls" aria-label="Language model parameters">
                    <RunControls run=run />
                    {run.controls(&[&LR, &STEPS, &SEED])}
                </div>
                <div class="figures">
                    <LineChart title="Cross-entropy of the character model: training and held-out text" x_label="step" y_label="loss (nats per character)" series=lm_lines csv_name="char-lm-loss" />
                    <figure class="sample">
                        <figcaption>{move || sample.with(|(_, step, t)| format!("Sampled from the model at step {step}, temperature {}", fmt_num(*t)))}</figcaption>
                        <p class="sample-text" aria-label="Sampled text" aria-live="off">
                            {move || sample.with(|(s, _, _)| if s.is_empty() {
                                view! { "(waiting for the first weights…)" }.into_any()
                            } else {
                                // The prompt is ours, not the model's: marked, and named for screen readers.
                                view! { <mark class="prompt" title="the prompt the model continues">{PROMPT}</mark>{s.clone()} }.into_any()
                            })}
                        </p>
                    </figure>
                </div>
            </div>
        </section>
    }
    .into_any()
}
