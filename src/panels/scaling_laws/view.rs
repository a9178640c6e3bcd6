//! Panel 12's view: loss against compute for every size with the frontier; the iso-FLOP profiles
//! with their minima and N_opt against C; the fitted law with its bootstrap beside Chinchilla's;
//! and a calculator on both fits.

use super::analysis::{curves, iso_flops, longest, power_fit, results, DERIVE, FIT_SERIES, SD_SERIES};
use super::fit::{Law, CHINCHILLA};
use super::grid::runs;
use super::params::{ScalingParams, BUDGETS, CALC, FLOPS, LR, SEED, SIZES};
use super::runs::parts;
use crate::components::chart::line::{Line, LineChart, Style};
use crate::engine::metrics::Metrics;
use crate::kit::run::{use_panel, RunControls, RunFrame};
use leptos::prelude::*;

/// A count in words: 1.2k, 3.4M, 5.6B, 7.8T, or powers of ten beyond.
pub fn si(x: f64) -> String {
    match x.abs() {
        v if !v.is_finite() => "–".into(),
        v if v >= 1e15 => format!("{x:.1e}"),
        v if v >= 1e12 => format!("{:.1}T", x / 1e12),
        v if v >= 1e9 => format!("{:.1}B", x / 1e9),
        v if v >= 1e6 => format!("{:.1}M", x / 1e6),
        v if v >= 1e3 => format!("{:.1}k", x / 1e3),
        _ => format!("{x:.0}"),
    }
}

/// The law whose five values are the newest points of `names` (E, A, B, α, β in order).
fn law_of(m: &Metrics, names: [&str; 5]) -> Option<Law> {
    let g = |i: usize| m.last(names[i]);
    Some(Law { e: g(0)?, a: g(1)?, b: g(2)?, alpha: g(3)?, beta: g(4)? })
}

/// Each size's curve (its longest run) and the frontier.
fn curve_lines(m: &Metrics) -> Vec<Line> {
    let all = curves(m);
    let mut lines: Vec<Line> = longest(&all)
        .iter()
        .enumerate()
        .map(|(i, c)| {
            // Named apart from the recorded `curve_…` series, whose x is tokens, not FLOPs.
            Line::new(format!("loss_vs_flops_n{}", c.0), c.2.clone()).color(i).label(format!("N = {}", si(c.0 as f64)))
        })
        .collect();
    let frontier = Line::from_metrics(m, "frontier").style(Style::Reference).color(7);
    lines.push(frontier.label("frontier: the lowest loss any size reaches at that compute"));
    lines
}

/// The iso-FLOP profiles (final loss against N, one per budget) and their minima.
fn iso_lines(m: &Metrics) -> (Vec<Line>, Vec<Line>) {
    let isos = iso_flops(&results(m));
    let mut profiles: Vec<Line> = isos
        .iter()
        .enumerate()
        .map(|(j, g)| {
            Line::new(format!("isoflop_{}", g.flops.round()), g.points.clone())
                .color(j)
                .label(format!("C = {:.1e} FLOPs", g.flops))
        })
        .collect();
    let best: Vec<(f64, f64)> = isos.iter().filter_map(|g| g.best).collect();
    profiles
        .push(Line::new("isoflop_minimum", best).style(Style::Marker).color(7).label("minimum of a parabola in log N"));
    let recorded = Line::from_metrics(m, "n_opt");
    let nopt = recorded.points.clone();
    let mut opt = vec![recorded.style(Style::Marker).color(0).label("N_opt from each profile")];
    if let Some((e, k)) = power_fit(&nopt).filter(|_| nopt.len() >= 2) {
        let (lo, hi) = (nopt[0].0, nopt[nopt.len() - 1].0);
        let pts = (0..=10).map(|i| lo * (hi / lo).powf(i as f64 / 10.0)).map(|c| (c, k * c.powf(e))).collect();
        opt.push(
            Line::new("n_opt_fit", pts).style(Style::Reference).color(1).label(format!("fitted: N_opt ∝ C^{e:.2}")),
        );
    }
    (profiles, opt)
}

/// The panel.
#[component]
pub fn ScalingPanel() -> impl IntoView {
    let (run, _jobs) = use_panel::<ScalingParams>(parts);
    run.derive(DERIVE);
    let m = run.merged();
    let curve = Memo::new(move |_| m.with(curve_lines));
    let isos = Memo::new(move |_| m.with(iso_lines));
    let history = Memo::new(move |_| {
        m.with(|m| {
            let l = |n: &str, label: &str, c: usize| Line::from_metrics(m, n).color(c).label(label);
            vec![
                l("fit_alpha", "α (size exponent)", 0),
                l("fit_beta", "β (data exponent)", 1),
                l("fit_e", "E (irreducible loss, nats)", 2),
            ]
        })
    });
    let planned = move || run.params.with(|p| runs(&p.grid()).len());
    let finished = move || m.with(|m| results(m).len());
    view! {
        <RunFrame run=run>
            <div class="panel-grid">
                <div class="controls" aria-label="Parameters">
                    <RunControls run=run />
                    {run.controls(&[&SIZES, &BUDGETS, &FLOPS, &LR, &SEED])}
                    <p class="readout-line" data-readout="runs">"Runs finished: " <strong>{finished}</strong> " of " {planned}</p>
                    {move || m.with(diverged)}
                </div>
                <div class="figures">
                    {run.part("curves", move || view! {
                        <LineChart title="Held-out loss against training compute (6·N·D, a formula), one curve per model size; dashed: the frontier" x_label="FLOPs (6·N·D)" y_label="loss (nats per character)" series=curve log_x=true csv_name="scaling-loss-vs-compute" />
                    }.into_any())}
                    {run.part("isoflop", move || view! {
                        <LineChart title="Iso-FLOP profiles: final loss against model size at each compute budget" x_label="parameters N" y_label="final loss (nats)" series=Signal::derive(move || isos.get().0) log_x=true csv_name="scaling-isoflop" />
                        <LineChart title="Compute-optimal size N_opt against compute, from the profiles' minima" x_label="FLOPs" y_label="N_opt (parameters)" series=Signal::derive(move || isos.get().1) log_x=true log_y=true csv_name="scaling-n-opt" />
                    }.into_any())}
                    {run.part("fit", move || view! {
                        {move || m.with(fit_table)}
                        <LineChart title="The fitted exponents and E as runs finish (each point: a fit to every run so far)" x_label="runs fitted" y_label="value" series=history csv_name="scaling-fit-history" />
                    }.into_any())}
                </div>
            </div>
            {run.part("calculator", move || view! {
                <div class="calculator">
                    {run.control(&CALC)}
                    {move || m.with(|m| calculator(m, run.params.with(|p| p.calc), run.params.with(|p| p.flops)))}
                </div>
            }.into_any())}
        </RunFrame>
    }
}

/// Runs that diverged, if any.
fn diverged(m: &Metrics) -> impl IntoView {
    let names: Vec<String> = m
        .iter()
        .filter_map(|(k, _)| super::analysis::key_of(k, "diverged_"))
        .map(|(n, d)| format!("N = {}, D = {}", si(n as f64), si(d as f64)))
        .collect();
    (!names.is_empty()).then(|| {
        view! { <p class="note warn" role="status">"Diverged and skipped (lower the learning rate): " {names.join("; ")}</p> }
    })
}

/// The fitted law beside Chinchilla's.
fn fit_table(m: &Metrics) -> impl IntoView {
    let (law, sd) = (law_of(m, FIT_SERIES), law_of(m, SD_SERIES));
    let runs = m.get("fit_e").and_then(|s| s.points.last()).map_or(0, |p| p.0);
    // E, α and β: ± one standard deviation; A and B: a factor, since they spread over decades.
    let cell = |get: fn(&Law) -> f64, log: bool| match (law, sd) {
        (Some(l), Some(s)) if log => format!("{} ×/÷ {:.1}", si(get(&l)), get(&s).exp()),
        (Some(l), Some(s)) => format!("{:.2} ± {:.2}", get(&l), get(&s)),
        (Some(l), None) => format!("{:.2}", get(&l)),
        _ => "–".into(),
    };
    let row = |name: &'static str, get: fn(&Law) -> f64, log: bool| {
        let theirs = if log { format!("{:.1}", get(&CHINCHILLA)) } else { format!("{:.2}", get(&CHINCHILLA)) };
        view! { <tr><th scope="row">{name}</th><td data-fit=name>{cell(get, log)}</td><td>{theirs}</td></tr> }
    };
    let caption = if law.is_some() {
        format!("Fitted in this page to {runs} runs (Huber loss on log L). Spread over 40 bootstrap resamples of the runs: ± one standard deviation; for A and B, ×/÷ a factor.")
    } else {
        "The fit appears once six runs have finished.".to_string()
    };
    view! {
        <div class="table-wrap">
            <table class="formats fit-table" aria-label="Fitted law L(N, D) = E + A/N^α + B/D^β">
                <caption>{caption}</caption>
                <thead><tr><th>"term"</th><th>"your fit"</th><th>"Chinchilla"</th></tr></thead>
                <tbody>
                    {row("E", |l| l.e, false)}
                    {row("A", |l| l.a, true)}
                    {row("B", |l| l.b, true)}
                    {row("α", |l| l.alpha, false)}
                    {row("β", |l| l.beta, false)}
                </tbody>
            </table>
        </div>
    }
}

/// For a budget of 10^`calc` FLOPs: N_opt, D_opt, tokens per parameter and the predicted loss on
/// Chinchilla's fit and on the reader's.
fn calculator(m: &Metrics, calc: f64, trained: f64) -> impl IntoView {
    let c = 10f64.powf(calc);
    let row = |who: &'static str, law: Option<Law>| {
        let cells = match law {
            Some(l) => {
                let (n, d) = l.optimal(c);
                [
                    si(n),
                    si(d),
                    if d / n < 1e3 { format!("{:.1}", d / n) } else { si(d / n) },
                    format!("{:.3}", l.loss(n, d)),
                ]
            }
            None => ["–".into(), "–".into(), "–".into(), "–".into()],
        };
        let [n, d, r, loss] = cells;
        view! { <tr data-fit-row=who><th scope="row">{who}</th><td>{n}</td><td>{d}</td><td>{r}</td><td>{loss}</td></tr> }
    };
    let warn = (calc > trained + 0.5).then(|| {
        format!("Your fit comes from runs of at most 10^{trained:.1} FLOPs of character models; at 10^{calc:.1} it extrapolates far beyond them.")
    });
    view! {
        <div class="table-wrap">
            <table class="formats calc-table" aria-label="Compute-optimal allocation">
                <caption>{format!("Compute-optimal allocation for C = {c:.1e} FLOPs (C = 6·N·D; Hoffmann et al. 2022, eq. 4)")}</caption>
                <thead><tr><th>"law"</th><th>"N_opt (parameters)"</th><th>"D_opt (tokens)"</th><th>"tokens per parameter"</th><th>"predicted loss"</th></tr></thead>
                <tbody>{row("Chinchilla", Some(CHINCHILLA))}{row("your fit", law_of(m, FIT_SERIES))}</tbody>
            </table>
        </div>
        <p class="note">{warn}</p>
    }
}
