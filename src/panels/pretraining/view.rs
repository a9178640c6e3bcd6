//! Panel 08's view: the run's settings and measured figures, its loss against tokens seen beside
//! the corpus's own entropies, bits per character, the reader's prompt split into tokens with the
//! model's next-token distribution after it, and text sampled at checkpoints, side by side.

use super::experiment::{PretrainView, SAMPLE_TEMP};
use super::params::{
    PretrainParams, BATCH, CONTEXT, CORPUS, HEADS, LAYERS, LR, PROMPT_MAX, SEED, STEPS, VOCAB, WARMUP, WIDTH,
};
use super::probe::{Choice, Probe};
use super::runs::parts;
use crate::components::chart::line::{Line, LineChart, Style};
use crate::components::controls::fmt_num;
use crate::engine::job::Steppable;
use crate::engine::metrics::Metrics;
use crate::kit::run::{use_panel, Jobs, PanelRun, RunControls, RunFrame};
use crate::state::web::now_ms;
use leptos::prelude::*;

/// Next tokens listed.
const TOP_K: usize = 10;

/// The panel.
#[component]
pub fn PretrainPanel() -> impl IntoView {
    let (run, jobs) = use_panel::<PretrainParams>(parts);
    let metrics = jobs.metrics(run, "model");
    let state = RwSignal::new(None::<PretrainView>);
    let probe = StoredValue::new_local(None::<Probe>);
    let probe_step = RwSignal::new(None::<u64>);
    follow_run(run, jobs, state, probe, probe_step);
    view! {
        <RunFrame run=run>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <RunControls run=run />
                    {run.controls(&[&CORPUS, &VOCAB, &LAYERS, &WIDTH, &HEADS, &CONTEXT, &BATCH, &LR, &WARMUP, &STEPS, &SEED])}
                    {readouts(run, metrics, state)}
                </div>
                <div class="figures">{run.part("model", move || charts(run, metrics, state))}</div>
            </div>
            {run.part("tokenizer", move || tokenizer(run, state))}
            {run.part("next_token", move || next_token(run, state, probe, probe_step))}
            {run.part("samples", move || samples(run, state))}
        </RunFrame>
    }
}

/// Takes each new view state, asks for fresh weights about once a second, and loads them into
/// the page's copy of the model.
fn follow_run(
    run: PanelRun<PretrainParams>,
    jobs: Jobs,
    state: RwSignal<Option<PretrainView>>,
    probe: StoredValue<Option<Probe>, LocalStorage>,
    probe_step: RwSignal<Option<u64>>,
) {
    let taken = StoredValue::new(u64::MAX);
    let asked = StoredValue::new(f64::NEG_INFINITY);
    run.on_draw(move || {
        jobs.with("model", |j| {
            if j.steps() == 0 && taken.get_value() != 0 && state.with_untracked(Option::is_some) {
                state.set(None); // a new run or a reset
                probe.set_value(None);
                probe_step.set(None);
            }
            if j.view_revision() != taken.get_value() {
                taken.set_value(j.view_revision());
                let view = j.view::<PretrainView>();
                if let Some(v) = &view {
                    let cfg = run.params.with_untracked(|p| p.run);
                    if let Ok(p) = Probe::load(v, &cfg) {
                        probe_step.set(Some(p.step));
                        probe.set_value(Some(p));
                    }
                }
                state.set(view);
            }
            if now_ms() - asked.get_value() > 1000.0 && j.steps() > 0 {
                asked.set_value(now_ms());
                j.request_snapshot();
            }
        });
    });
}

/// The run's figures: parameters, tokens seen, compute by formula, measured speed.
fn readouts(
    run: PanelRun<PretrainParams>,
    metrics: RwSignal<Metrics>,
    state: RwSignal<Option<PretrainView>>,
) -> AnyView {
    let cfg = Memo::new(move |_| run.params.with(|p| p.run));
    let vocab = move || state.with(|s| s.as_ref().map(|s| s.bpe.len())).unwrap_or_else(|| cfg.get().vocab.max(39));
    let shape = move || cfg.get().shape(vocab());
    let tokens = move || metrics.with(|m| m.last("tokens_seen")).unwrap_or(0.0);
    let per_s = move || run.rate.rate.get() * cfg.get().tokens_per_step() as f64;
    view! {
        <dl class="readouts" aria-label="The run">
            <dt>"Parameters N"</dt><dd data-readout="params_non_embedding">{move || group(shape().non_embedding() as f64)}</dd>
            <dt>"… with embeddings"</dt><dd data-readout="params">{move || group(shape().params() as f64)}</dd>
            <dt>"Tokens seen D"</dt><dd data-readout="tokens_seen">{move || group(tokens())}</dd>
            <dt>"Compute 6·N·D (formula)"</dt><dd data-readout="flops">{move || format!("{} FLOP", sci(6.0 * shape().non_embedding() as f64 * tokens()))}</dd>
            <dt>"Passes over the training text"</dt><dd data-readout="epochs">{move || state.with(|s| s.as_ref().map(|s| fmt_num(tokens() / s.train_tokens.max(1) as f64))).unwrap_or_else(|| "–".into())}</dd>
            <dt>"Tokens per second (measured)"</dt><dd data-readout="tokens_per_s">{move || if per_s() > 0.0 { group(per_s().round()) } else { "–".into() }}</dd>
            <dt>"Characters per token"</dt><dd data-readout="chars_per_token">{move || state.with(|s| s.as_ref().map(|s| fmt_num(s.stats.chars_per_token))).unwrap_or_else(|| "–".into())}</dd>
        </dl>
    }
    .into_any()
}

/// `n` with thin spaces between thousands.
fn group(n: f64) -> String {
    let s = format!("{:.0}", n.max(0.0));
    let b = s.as_bytes();
    b.iter().enumerate().fold(String::new(), |mut out, (i, &c)| {
        if i > 0 && (b.len() - i) % 3 == 0 {
            out.push('\u{2009}');
        }
        out.push(c as char);
        out
    })
}

/// `x` as 1.23 × 10ⁿ.
fn sci(x: f64) -> String {
    if x <= 0.0 || !x.is_finite() {
        return "0".into();
    }
    let e = x.log10().floor();
    let sup: String = (e as i32)
        .to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            d => "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().nth(d.to_digit(10).unwrap_or(0) as usize).unwrap_or('?'),
        })
        .collect();
    format!("{:.2} × 10{sup}", x / 10f64.powf(e))
}

/// A horizontal reference line at `y` across `[x0, x1]`.
fn reference(name: &str, label: &str, y: f64, (x0, x1): (f64, f64), color: usize) -> Line {
    Line::new(name, vec![(x0, y), (x1, y)]).color(color).style(Style::Reference).label(label)
}

/// `series` with x in tokens seen (step × B·T), named `<series>_by_tokens` (its CSV column: the
/// recorded series itself has the step as x).
fn by_tokens(m: &Metrics, series: &str, per_step: f64) -> Line {
    let mut line = Line::from_metrics(m, series);
    line.points.iter_mut().for_each(|p| p.0 *= per_step);
    Line { name: format!("{series}_by_tokens"), ..line }
}

/// Loss per token and bits per character against tokens seen, with the corpus's entropies.
fn charts(run: PanelRun<PretrainParams>, metrics: RwSignal<Metrics>, state: RwSignal<Option<PretrainView>>) -> AnyView {
    let per_step = move || run.params.with(|p| p.run.tokens_per_step()) as f64;
    let span = move || (per_step(), per_step() * run.params.with(|p| p.run.steps) as f64);
    let loss = Signal::derive(move || {
        let k = per_step();
        let mut lines = metrics.with(|m| {
            let train = crate::plot::trailing_mean(&by_tokens(m, "train_loss", k).points, 20);
            vec![
                Line::new("train_loss_mean_of_20_by_tokens", train)
                    .color(0)
                    .label("training batches (mean of the last 20)"),
                by_tokens(m, "val_loss", k).color(1).label("held-out text"),
            ]
        });
        if let Some(s) = state.with(|s| s.as_ref().map(|s| s.stats)) {
            lines.push(reference("unigram_entropy", "token frequencies alone", s.unigram, span(), 3));
            lines.push(reference("bigram_entropy", "previous token only (bigram)", s.bigram, span(), 6));
        }
        lines
    });
    let bits = Signal::derive(move || {
        let mut lines =
            metrics.with(|m| vec![by_tokens(m, "bits_per_char", per_step()).color(1).label("held-out text")]);
        if let Some(s) = state.with(|s| s.as_ref().map(|s| s.stats)) {
            lines.push(reference("char_unigram_bits", "letter frequencies alone", s.char_unigram_bits, span(), 3));
            lines.push(reference("char_bigram_bits", "previous letter only (bigram)", s.char_bigram_bits, span(), 6));
        }
        lines
    });
    let lr = Signal::derive(move || {
        metrics.with(|m| vec![Line::from_metrics(m, "lr").color(4).label("learning rate applied")])
    });
    view! {
        <LineChart title="Loss per token against tokens seen" x_label="training tokens seen (log scale)" y_label="cross-entropy (nats per token)" series=loss log_x=true csv_name="pretraining-loss" />
        <LineChart title="Held-out bits per character: one scale for every tokenizer" x_label="training tokens seen (log scale)" y_label="bits per character" series=bits log_x=true csv_name="pretraining-bits-per-char" />
        <LineChart title="AdamW's learning rate: linear warm-up, then cosine decay" x_label="step" y_label="learning rate" series=lr csv_name="pretraining-lr" />
    }
    .into_any()
}

/// The reader's prompt as the tokenizer splits it.
fn tokenizer(run: PanelRun<PretrainParams>, state: RwSignal<Option<PretrainView>>) -> AnyView {
    let prompt = Memo::new(move |_| run.params.with(|p| p.prompt.clone()));
    let split = move || {
        state.with(|s| {
            s.as_ref().map(|s| {
                let text = prompt.get().to_lowercase();
                let ids = s.bpe.encode(&text);
                let pieces: Vec<String> = ids.iter().map(|&i| s.bpe.decode(&[i])).collect();
                (pieces, text.chars().count(), s.bpe.unknown(&text))
            })
        })
    };
    let on_input = move |ev| {
        let v: String = event_target_value(&ev);
        if !v.is_empty() {
            run.set(move |p| p.prompt = v.chars().take(PROMPT_MAX).collect());
        }
    };
    view! {
        <section class="subpanel" aria-label="Tokens">
            <h3>"Your text as the model sees it: tokens"</h3>
            <label class="prompt-box">"Type a prompt "
                <input type="text" maxlength=PROMPT_MAX prop:value=move || prompt.get() on:input=on_input />
            </label>
            {move || match split() {
                None => view! { <p class="muted">"(the tokenizer is being trained on the text…)"</p> }.into_any(),
                Some((pieces, chars, unknown)) => view! {
                    <p class="readout-line" data-readout="prompt_tokens">{format!("{chars} characters → {} tokens", pieces.len())}</p>
                    <ol class="token-chips" aria-label="The prompt's tokens">
                        {pieces.into_iter().map(|t| view! { <li>{t.replace(' ', "·").replace('\n', "↵")}</li> }).collect_view()}
                    </ol>
                    {(!unknown.is_empty()).then(|| view! { <p class="note">{format!("Not in the text's alphabet, left out: {}", unknown.iter().collect::<String>())}</p> })}
                }.into_any(),
            }}
        </section>
    }
    .into_any()
}

/// The model's most likely next tokens after the prompt, from the latest weights.
fn next_token(
    run: PanelRun<PretrainParams>,
    state: RwSignal<Option<PretrainView>>,
    probe: StoredValue<Option<Probe>, LocalStorage>,
    probe_step: RwSignal<Option<u64>>,
) -> AnyView {
    let top = Memo::new(move |_| {
        let text = run.params.with(|p| p.prompt.to_lowercase());
        probe_step.track();
        let ids = state.with(|s| s.as_ref().map(|s| (s.bpe.encode(&text), s.bpe.tokens.clone())));
        let (ids, tokens) = ids?;
        probe.with_value(|p| p.as_ref().map(|p| p.top(&ids, &tokens, TOP_K)))
    });
    view! {
        <section class="subpanel" aria-label="Next token">
            <h3>"What the model predicts after your prompt"</h3>
            <p class="caption">{move || match probe_step.get() {
                Some(step) => format!("The {TOP_K} most likely next tokens, from the weights after step {step} (refreshed about once a second)."),
                None => "Waiting for the first weights…".into(),
            }}</p>
            <ol class="next-tokens" aria-label="Most likely next tokens">
                {move || top.get().unwrap_or_default().into_iter().map(|Choice { text, p }| view! {
                    <li>
                        <code class="token">{text.replace(' ', "·").replace('\n', "↵")}</code>
                        <span class="bar" style=format!("width: {:.1}%", 100.0 * p)></span>
                        <span class="p" data-p=p.to_string()>{format!("{:.1}%", 100.0 * p)}</span>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

/// Text sampled at each checkpoint of the run, side by side.
fn samples(run: PanelRun<PretrainParams>, state: RwSignal<Option<PretrainView>>) -> AnyView {
    let prompt = move || run.params.with(|p| p.run.corpus.prompt());
    view! {
        <section class="subpanel" aria-label="Samples">
            <h3>{format!("Samples along the run (temperature {SAMPLE_TEMP})")}</h3>
            <ol class="checkpoints" aria-label="Samples at checkpoints">
                {move || state.with(|s| s.as_ref().map(|s| s.checkpoints.clone()).unwrap_or_default()).into_iter().map(|c| view! {
                    <li>
                        <h4>{format!("step {} · {} tokens", c.step, group(c.tokens as f64))}</h4>
                        {c.texts.into_iter().map(|t| view! {
                            <p class="sample-text"><mark class="prompt" title="the prompt the model continues">{prompt()}</mark>{t}</p>
                        }).collect_view()}
                    </li>
                }).collect_view()}
            </ol>
            <p class="caption">{move || format!(
                "Drawn on the training device after steps {}; each continues the fixed prompt.",
                super::experiment::checkpoints(run.params.with(|p| p.run.steps)).iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
            )}</p>
        </section>
    }
    .into_any()
}
