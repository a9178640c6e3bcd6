//! A panel's run as one JSON file: the panel's slug, its parameters as the URL holds them (seed
//! included), the backend it trained on, its status and steps, and every series, as
//! `window.trainlab.metrics` reports them.

use super::hooks::current_slug;
use super::run::PanelRun;
use crate::components::chart::download;
use crate::runtime::probes::with_panel;
use crate::runtime::runtime;
use crate::state::params::Params;
use crate::state::query::UrlParams;
use leptos::prelude::*;
use serde_json::{json, Map, Value};

/// The run of panel `slug` at parameters `p`, as JSON text.
pub fn run_json<P: Params>(slug: &str, p: &P) -> String {
    let query = p.to_query();
    let params: Map<String, Value> = query.iter().map(|(k, v)| (k.to_string(), Value::from(v))).collect();
    let backend = runtime().backend.get_untracked().map(|b| b.kind.name());
    let (status, steps, series) =
        with_panel(slug, |j| (j.status(), j.steps(), j.metrics_json())).unwrap_or(("idle", 0, "{}".into()));
    let head = json!({
        "slug": slug,
        "query": query.to_query_string(),
        "params": params,
        "backend": backend,
        "status": status,
        "steps": steps,
    });
    // The series go in as the engine wrote them: parsing and writing them again could change a
    // float's last digit.
    let head = head.to_string();
    let series = if serde_json::from_str::<Value>(&series).is_ok() { series } else { "null".into() };
    format!("{},\"series\":{series}}}", &head[..head.len() - 1])
}

/// "Download run (JSON)": the run as it stands when pressed.
#[component]
pub fn ExportRun<P: Params>(
    /// The panel's run.
    run: PanelRun<P>,
) -> impl IntoView {
    let slug = current_slug();
    let on_click = move |_| {
        let text = run.params.with_untracked(|p| run_json(slug, p));
        download(&format!("trainlab-{slug}.json"), &text, "application/json");
    };
    view! { <button class="export-json" on:click=on_click>"Download run (JSON)"</button> }
}
