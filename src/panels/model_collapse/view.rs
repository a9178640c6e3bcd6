//! Panel 15's view: the shared controls (replace or accumulate, real share, temperature, seed),
//! then the Gaussian-mixture generations (stacked histograms, σ and tail mass per generation), then
//! the character model's generations (perplexity on real text, diversity, a sample of each).

use super::gmm::MixtureGeneration;
use super::mixture::Mixture;
use super::params::{CollapseParams, CHARS, FIT_STEPS, GENS, MODE, N, REAL, SEED, TEMP, TEXT_GENS, TEXT_STEPS};
use super::ridgeline::Ridgeline;
use super::runs::parts;
use super::text::{TextGeneration, TextView};
use crate::components::chart::line::{Line, LineChart, Style};
use crate::components::controls::{fmt_num, Fold, PlayControls, Progress};
use crate::engine::job::Steppable;
use crate::engine::metrics::Metrics;
use crate::kit::hooks::StepRate;
use crate::kit::run::{use_panel, Jobs, PanelRun, RunFrame};
use leptos::prelude::*;

/// A per-generation series with a dashed horizontal reference at `y` over the same generations.
fn with_reference(m: &Metrics, (name, label): (&str, &str), reference: (&str, &str, f64), color: usize) -> Vec<Line> {
    let line = Line::from_metrics(m, name).color(color).label(label);
    let x1 = line.points.last().map(|p| p.0).unwrap_or(1.0).max(1.0);
    let (rname, rlabel, y) = reference;
    let r = Line::new(rname, vec![(0.0, y), (x1, y)]).color(6).style(Style::Reference).label(rlabel);
    vec![line, r]
}

/// One job's progress (each view has its own bar).
#[derive(Clone, Copy)]
struct Track {
    steps: RwSignal<u64>,
    rate: StepRate,
}

impl Track {
    fn new() -> Self {
        Self { steps: RwSignal::new(0), rate: StepRate::new() }
    }
    fn observe(&self, steps: u64) {
        self.steps.set(steps);
        self.rate.observe(steps);
    }
}

/// The newest value of the first line, for a readout.
fn newest(lines: RwSignal<Vec<Line>>) -> impl Fn() -> String + Copy {
    move || lines.with(|l| l.first().and_then(|l| l.points.last()).map(|p| fmt_num(p.1)).unwrap_or_else(|| "–".into()))
}

/// The panel.
#[component]
pub fn CollapsePanel() -> impl IntoView {
    let (run, jobs) = use_panel::<CollapseParams>(parts);
    view! {
        <RunFrame run=run>
            <div class="controls controls-row" aria-label="Parameters shared by both views">
                <PlayControls status=run.status actions=run.actions() />
                {move || run.errors.get().into_iter().map(|e| view! { <p class="diverged" role="alert">{e}</p> }).collect_view()}
                <Fold summary="Data, temperature and seed (both views)">{run.controls(&[&MODE, &REAL, &TEMP, &SEED])}</Fold>
            </div>
            {mixture_view(run, jobs)}
            {run.part("text", move || text_view(run, jobs))}
        </RunFrame>
    }
}

/// The Gaussian mixture's generations: stacked histograms, σ and tail mass.
fn mixture_view(run: PanelRun<CollapseParams>, jobs: Jobs) -> impl IntoView {
    let params = run.params;
    let real = Mixture::real();
    let (sigma0, tail0) = (real.std(), real.tail_mass(real.mean(), 2.0 * real.std()));
    let track = Track::new();
    let gens = RwSignal::new(Vec::<MixtureGeneration>::new());
    let sigma_lines = RwSignal::new(Vec::<Line>::new());
    let tail_lines = RwSignal::new(Vec::<Line>::new());
    let seen = StoredValue::new(u64::MAX);
    run.on_draw(move || {
        jobs.with("mixture", |j| {
            track.observe(j.steps());
            // A finished generation brings a new view state: redraw then, and on a new run.
            if seen.get_value() != j.view_revision() || j.steps() == 0 {
                seen.set_value(j.view_revision());
                let m = j.metrics();
                sigma_lines.set(with_reference(m, ("sigma", "fitted σ"), ("real_sigma", "real σ₀", sigma0), 0));
                tail_lines.set(with_reference(m, ("tail_mass", "fitted"), ("real_tail_mass", "real", tail0), 1));
                gens.set(j.view().unwrap_or_default());
            }
        });
    });
    view! {
        <section class="subpanel" aria-label="A Gaussian mixture">
            <h3>"A Gaussian mixture, refitted to its own samples"</h3>
            <div class="panel-grid">
                <div class="controls" aria-label="Mixture parameters">
                    {run.controls(&[&N, &GENS, &FIT_STEPS])}
                    <Progress done=track.steps total=Signal::derive(move || params.with(|p| p.fit_steps * p.gens)) rate=track.rate.rate />
                    <dl class="readouts" aria-label="Mixture so far">
                        <dt>"Generations done"</dt><dd data-readout="mixture_generations">{move || format!("{} of {}", gens.with(Vec::len), params.get().gens)}</dd>
                        <dt>"Real σ₀"</dt><dd data-readout="real_sigma">{fmt_num(sigma0)}</dd>
                        <dt>"Fitted σ, newest"</dt><dd data-readout="sigma">{newest(sigma_lines)}</dd>
                        <dt>"Real tail mass"</dt><dd data-readout="real_tail_mass">{fmt_num(tail0)}</dd>
                        <dt>"Tail mass, newest"</dt><dd data-readout="tail_mass">{newest(tail_lines)}</dd>
                    </dl>
                </div>
                <div class="figures">
                    <Ridgeline gens=gens />
                    <LineChart title="Fitted σ per generation (dashed: the real σ₀)" x_label="generation" y_label="σ" series=sigma_lines csv_name="collapse-sigma" />
                    <LineChart title="Tail mass per generation: fitted mass beyond 2σ₀ from the fitted mean (dashed: real)" x_label="generation" y_label="tail mass" series=tail_lines csv_name="collapse-tail-mass" />
                </div>
            </div>
        </section>
    }
}

/// The character model's generations: perplexity on real text, diversity, a sample of each.
fn text_view(run: PanelRun<CollapseParams>, jobs: Jobs) -> AnyView {
    let params = run.params;
    let track = Track::new();
    let gens = RwSignal::new(Vec::<TextGeneration>::new());
    // The real text, shown above what the generations wrote, so that each can be compared with it.
    let real_text = RwSignal::new(String::new());
    let ppl_lines = RwSignal::new(Vec::<Line>::new());
    let div_lines = RwSignal::new(Vec::<Line>::new());
    let seen = StoredValue::new(u64::MAX);
    run.on_draw(move || {
        jobs.with("text", |j| {
            track.observe(j.steps());
            if seen.get_value() != j.view_revision() || j.steps() == 0 {
                seen.set_value(j.view_revision());
                let v: TextView = j.view().unwrap_or_default();
                let m = j.metrics();
                ppl_lines.set(vec![Line::from_metrics(m, "perplexity").color(3).label("perplexity on real text")]);
                let real = ("real_text", "real text", v.real_distinct);
                div_lines.set(with_reference(m, ("distinct_4grams", "generated text"), real, 4));
                gens.set(v.gens);
                real_text.set(v.real_excerpt);
            }
        });
    });
    view! {
        <section class="subpanel" aria-label="A character language model">
            <h3>"A character language model, retrained on its own text"</h3>
            <div class="panel-grid">
                <div class="controls" aria-label="Language model parameters">
                    {run.controls(&[&CHARS, &TEXT_GENS, &TEXT_STEPS])}
                    <Progress done=track.steps total=Signal::derive(move || params.with(|p| p.text_steps * p.text_gens)) rate=track.rate.rate />
                    <dl class="readouts" aria-label="Language model so far">
                        <dt>"Generations done"</dt><dd data-readout="text_generations">{move || format!("{} of {}", gens.with(Vec::len), params.get().text_gens)}</dd>
                        <dt>"Perplexity on real text, newest"</dt><dd data-readout="perplexity">{newest(ppl_lines)}</dd>
                        <dt>"Distinct 4-grams, newest"</dt><dd data-readout="distinct_4grams">{newest(div_lines)}</dd>
                    </dl>
                </div>
                <div class="figures">
                    <LineChart title="Perplexity on real held-out Moby-Dick, per generation" x_label="generation" y_label="perplexity" series=ppl_lines csv_name="collapse-perplexity" />
                    <LineChart title="Diversity: share of distinct 4-grams in each generation's text (dashed: real text)" x_label="generation" y_label="distinct 4-grams" series=div_lines csv_name="collapse-diversity" />
                    <p class="generation-samples real"><span class="gen">"real"</span><span class="sample-text" aria-label="The real text generation 0 trains on">{move || real_text.get()}</span></p>
                    <ol class="generation-samples" aria-label="What each generation wrote" start="0">
                        {move || gens.get().into_iter().enumerate().map(|(g, t)| view! {
                            <li data-generation=g><span class="gen">{format!("gen {g}")}</span><span class="sample-text">{t.excerpt}</span></li>
                        }).collect_view()}
                    </ol>
                </div>
            </div>
        </section>
    }
    .into_any()
}
