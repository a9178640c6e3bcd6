//! Panel 15's view: the shared controls (replace or accumulate, real share, temperature, seed),
//! then the Gaussian-mixture generations (stacked histograms, σ and tail mass per generation), then
//! the character model's generations (perplexity on real text, diversity, a sample of each).

use super::gmm::MixtureGeneration;
use super::mixture::Mixture;
use super::params::{
    CollapseParams, CHARS_RANGE, FIT_STEPS_RANGE, GENS_RANGE, N_RANGE, TEMP_RANGE, TEXT_GENS_RANGE, TEXT_STEPS_RANGE,
};
use super::pool::Mode;
use super::ridgeline::Ridgeline;
use super::runs::{mixture_factory, text_factory};
use super::text::TextGeneration;
use crate::components::chart::line::{Corner, Line, LineChart, Style};
use crate::components::controls::{fmt_num, PlayControls, Progress, Select, Slider};
use crate::components::panel_frame::PanelFrame;
use crate::engine::data::text::Corpus;
use crate::engine::group::JobGroup;
use crate::engine::job::{Job, Status};
use crate::engine::metrics::Metrics;
use crate::kit::hooks::{
    current_slug, device, group_actions, on_tick, update_params, use_jobs, use_url_params, StepRate, UrlStart,
};
use leptos::prelude::*;
use std::rc::Rc;

/// A per-generation series with a dashed horizontal reference at `y` over the same generations.
fn with_reference(m: &Metrics, name: &str, reference: (&str, f64), color: usize) -> Vec<Line> {
    let line = Line::from_metrics(m, name).color(color);
    let x1 = line.points.last().map(|p| p.0).unwrap_or(1.0).max(1.0);
    let r = Line::new(reference.0, vec![(0.0, reference.1), (x1, reference.1)]).color(7).style(Style::Reference);
    vec![line, r]
}

/// One job's display state.
#[derive(Clone, Copy)]
struct Track {
    steps: RwSignal<u64>,
    rate: StepRate,
    error: RwSignal<Option<String>>,
}

impl Track {
    fn new() -> Self {
        Self { steps: RwSignal::new(0), rate: StepRate::new(), error: RwSignal::new(None) }
    }
    fn observe<E: crate::engine::job::Experiment>(&self, j: &Job<E>) {
        self.steps.set(j.steps());
        self.rate.observe(j.steps());
        self.error.set(j.error.clone());
    }
}

/// The panel.
#[component]
pub fn CollapsePanel() -> impl IntoView {
    let UrlStart { params, notes, autoplay, initial } = use_url_params::<CollapseParams>();
    let corpus = Rc::new(Corpus::moby_dick());
    let (mix, text, jobs) = super::runs::build(&initial, &corpus, &device());
    let text_shown = !initial.hide.iter().any(|h| h == "text");
    let group = JobGroup(jobs);
    if autoplay {
        group.each(|j| j.play());
    }
    let root = use_jobs(group.clone());
    let status = RwSignal::new(Status::Idle);
    let whole = StoredValue::new_local(group.clone());
    let (mix, text, corpus) =
        (StoredValue::new_local(mix), StoredValue::new_local(text), StoredValue::new_local(corpus));

    let real = Mixture::real();
    let (sigma0, tail0) = (real.std(), real.tail_mass(real.mean(), 2.0 * real.std()));
    let (mix_track, text_track) = (Track::new(), Track::new());
    let mix_gens = RwSignal::new(Vec::<MixtureGeneration>::new());
    let text_gens = RwSignal::new(Vec::<TextGeneration>::new());
    let sigma_lines = RwSignal::new(Vec::<Line>::new());
    let tail_lines = RwSignal::new(Vec::<Line>::new());
    let ppl_lines = RwSignal::new(Vec::<Line>::new());
    let div_lines = RwSignal::new(Vec::<Line>::new());
    let refresh = move || {
        whole.with_value(|g| status.set(g.status()));
        mix.with_value(|j| {
            let j = j.borrow();
            mix_track.observe(&j);
            if mix_gens.with_untracked(Vec::len) != j.exp().gens.len() {
                let m = j.metrics();
                sigma_lines.set(with_reference(m, "sigma", ("real_sigma", sigma0), 0));
                tail_lines.set(with_reference(m, "tail_mass", ("real_tail_mass", tail0), 1));
                mix_gens.set(j.exp().gens.clone());
            }
        });
        text.with_value(|j| {
            let j = j.borrow();
            text_track.observe(&j);
            if text_gens.with_untracked(Vec::len) != j.exp().gens.len() {
                let m = j.metrics();
                ppl_lines.set(vec![Line::from_metrics(m, "perplexity").color(3)]);
                div_lines.set(with_reference(m, "distinct_4grams", ("real_text", j.exp().real_distinct), 4));
                text_gens.set(j.exp().gens.clone());
            }
        });
    };
    on_tick(refresh);

    let rebuild = move |p: &CollapseParams| {
        let (f, budget) = mixture_factory(p, &device());
        mix.with_value(|j| j.borrow_mut().reconfigure(f, budget, autoplay));
        let (f, budget) = text_factory(p, &corpus.get_value(), &device());
        text.with_value(|j| j.borrow_mut().reconfigure(f, budget, autoplay && text_shown));
        mix_gens.set(Vec::new());
        text_gens.set(Vec::new());
        [sigma_lines, tail_lines, ppl_lines, div_lines].iter().for_each(|l| l.set(Vec::new()));
    };
    let set_param = move |f: &dyn Fn(&mut CollapseParams)| {
        if let Some(p) = update_params(params, f) {
            rebuild(&p);
            refresh();
        }
    };
    let control = move |f: fn(&mut CollapseParams, f64)| Callback::new(move |v: f64| set_param(&|p| f(p, v)));
    let act = group_actions(group, refresh);
    let hidden = move |name: &str| params.with(|p| p.hide.iter().any(|h| h == name));
    let modes =
        vec![("replace", "Replace: train only on the newest batch"), ("accumulate", "Accumulate: keep every batch")];
    let pick_mode =
        Callback::new(move |k: String| set_param(&|p| p.mode = Mode::from_key(&k).unwrap_or(Mode::Replace)));
    let last = |lines: RwSignal<Vec<Line>>| {
        move || {
            lines.with(|l| l.first().and_then(|l| l.points.last()).map(|p| fmt_num(p.1)).unwrap_or_else(|| "–".into()))
        }
    };
    let gen_of = |done: usize, total: u64| format!("{done} of {total}");

    view! {
        <PanelFrame slug=current_slug() notes=notes root=root>
            <div class="controls controls-row" aria-label="Parameters shared by both views">
                <Show when=move || !hidden("mode")>
                    <Select label="Each generation's data" options=modes.clone() value=Signal::derive(move || params.get().mode.key().to_string()) on_change=pick_mode />
                </Show>
                <Show when=move || !hidden("real")>
                    <Slider label="Share of real data kept in each batch" min=0.0 max=1.0 step=0.05 value=Signal::derive(move || params.get().real) on_change=control(|p, v| p.real = v) />
                </Show>
                <Show when=move || !hidden("temp")>
                    <Slider label="Sampling temperature" min=TEMP_RANGE.0 max=TEMP_RANGE.1 step=0.05 value=Signal::derive(move || params.get().temp) on_change=control(|p, v| p.temp = v) />
                </Show>
                <Show when=move || !hidden("seed")>
                    <Slider label="Seed" min=0.0 max=999.0 value=Signal::derive(move || params.get().seed as f64) on_change=control(|p, v| p.seed = v.round() as u64) />
                </Show>
                <PlayControls status=status actions=act />
            </div>
            <section class="subpanel" aria-label="A Gaussian mixture">
                <h3>"A Gaussian mixture, refitted to its own samples"</h3>
                <div class="panel-grid">
                    <div class="controls" aria-label="Mixture parameters">
                        <Show when=move || !hidden("n")>
                            <Slider label="Samples per generation" min=N_RANGE.0 as f64 max=N_RANGE.1 as f64 log=true value=Signal::derive(move || params.get().n as f64) on_change=control(|p, v| p.n = v.round() as u64) />
                        </Show>
                        <Show when=move || !hidden("gens")>
                            <Slider label="Generations" min=GENS_RANGE.0 as f64 max=GENS_RANGE.1 as f64 step=1.0 value=Signal::derive(move || params.get().gens as f64) on_change=control(|p, v| p.gens = v.round() as u64) />
                        </Show>
                        <Show when=move || !hidden("fit_steps")>
                            <Slider label="Gradient steps per generation" min=FIT_STEPS_RANGE.0 as f64 max=FIT_STEPS_RANGE.1 as f64 log=true value=Signal::derive(move || params.get().fit_steps as f64) on_change=control(|p, v| p.fit_steps = v.round() as u64) />
                        </Show>
                        <Progress done=mix_track.steps total=Signal::derive(move || params.get().fit_steps * params.get().gens) rate=mix_track.rate.rate />
                        {move || mix_track.error.get().map(|e| view! { <p class="diverged" role="alert">{e}</p> })}
                        <dl class="readouts" aria-label="Mixture so far">
                            <dt>"Generations done"</dt><dd data-readout="mixture_generations">{move || gen_of(mix_gens.with(Vec::len), params.get().gens)}</dd>
                            <dt>"Real σ₀"</dt><dd data-readout="real_sigma">{fmt_num(sigma0)}</dd>
                            <dt>"Fitted σ, newest"</dt><dd data-readout="sigma">{last(sigma_lines)}</dd>
                            <dt>"Real tail mass"</dt><dd data-readout="real_tail_mass">{fmt_num(tail0)}</dd>
                            <dt>"Tail mass, newest"</dt><dd data-readout="tail_mass">{last(tail_lines)}</dd>
                        </dl>
                    </div>
                    <div class="figures">
                        <Ridgeline gens=mix_gens />
                        <LineChart title="Fitted σ per generation (dashed: the real σ₀)" x_label="generation" y_label="σ" series=sigma_lines legend=Corner::LowerLeft csv_name="collapse-sigma" />
                        <LineChart title="Tail mass per generation: fitted mass beyond 2σ₀ from the fitted mean (dashed: real)" x_label="generation" y_label="tail mass" series=tail_lines csv_name="collapse-tail-mass" />
                    </div>
                </div>
            </section>
            <Show when=move || !hidden("text")>
                <section class="subpanel" aria-label="A character language model">
                    <h3>"A character language model, retrained on its own text"</h3>
                    <div class="panel-grid">
                        <div class="controls" aria-label="Language model parameters">
                            <Show when=move || !hidden("chars")>
                                <Slider label="Characters per generation" min=CHARS_RANGE.0 as f64 max=CHARS_RANGE.1 as f64 log=true value=Signal::derive(move || params.get().chars as f64) on_change=control(|p, v| p.chars = v.round() as u64) />
                            </Show>
                            <Show when=move || !hidden("text_gens")>
                                <Slider label="Generations" min=TEXT_GENS_RANGE.0 as f64 max=TEXT_GENS_RANGE.1 as f64 step=1.0 value=Signal::derive(move || params.get().text_gens as f64) on_change=control(|p, v| p.text_gens = v.round() as u64) />
                            </Show>
                            <Show when=move || !hidden("text_steps")>
                                <Slider label="Training steps per generation" min=TEXT_STEPS_RANGE.0 as f64 max=TEXT_STEPS_RANGE.1 as f64 log=true value=Signal::derive(move || params.get().text_steps as f64) on_change=control(|p, v| p.text_steps = v.round() as u64) />
                            </Show>
                            <Progress done=text_track.steps total=Signal::derive(move || params.get().text_steps * params.get().text_gens) rate=text_track.rate.rate />
                            {move || text_track.error.get().map(|e| view! { <p class="diverged" role="alert">{e}</p> })}
                            <dl class="readouts" aria-label="Language model so far">
                                <dt>"Generations done"</dt><dd data-readout="text_generations">{move || gen_of(text_gens.with(Vec::len), params.get().text_gens)}</dd>
                                <dt>"Perplexity on real text, newest"</dt><dd data-readout="perplexity">{last(ppl_lines)}</dd>
                                <dt>"Distinct 4-grams, newest"</dt><dd data-readout="distinct_4grams">{last(div_lines)}</dd>
                            </dl>
                        </div>
                        <div class="figures">
                            <LineChart title="Perplexity on real held-out Moby-Dick, per generation" x_label="generation" y_label="perplexity" series=ppl_lines legend=Corner::UpperLeft csv_name="collapse-perplexity" />
                            <LineChart title="Diversity: share of distinct 4-grams in each generation's text (dashed: real text)" x_label="generation" y_label="distinct 4-grams" series=div_lines legend=Corner::LowerLeft csv_name="collapse-diversity" />
                            <ol class="generation-samples" aria-label="What each generation wrote" start="0">
                                {move || text_gens.get().into_iter().enumerate().map(|(g, t)| view! {
                                    <li data-generation=g><span class="gen">{format!("gen {g}")}</span><span class="sample-text">{t.excerpt}</span></li>
                                }).collect_view()}
                            </ol>
                        </div>
                    </div>
                </section>
            </Show>
        </PanelFrame>
    }
}
