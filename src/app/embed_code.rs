//! "Embed this panel": the one-line HTML a course author pastes to show the panel, in its current
//! state (the address's parameters, seed and `hide=` list; not `backend=`), with the names `hide=`
//! accepts.
//! `assets/embed.js` turns the line into a sized iframe of `/embed/<slug>`.

use super::base_path;
use crate::panels::Concept;
use crate::state::web::{copy_text, current_query};
use leptos::prelude::*;

/// `s` with the characters that end or break an HTML attribute escaped.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The snippet for `slug` with `query` (no leading `?`), served from `origin` + `base`.
pub fn snippet(origin: &str, base: &str, slug: &str, query: &str) -> String {
    let spec = if query.is_empty() { slug.to_string() } else { format!("{slug}?{query}") };
    format!(
        "<div data-trainlab=\"{}\"></div>\n<script src=\"{}\" async></script>",
        attr(&spec),
        attr(&format!("{origin}{base}/embed.js"))
    )
}

/// The page's origin (`https://host`), or nothing outside a browser.
fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// The collapsible "Embed this panel" box under a panel.
#[component]
pub fn EmbedCode(concept: &'static Concept) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let (copied, set_copied) = signal(None::<bool>);
    // Read when opened and when copied: the address changes with every control. `backend=` is
    // this reader's device choice, not the panel's state: each reader's browser picks its own.
    let refresh = move || {
        let query = current_query().without(&["backend"]).to_query_string();
        code.set(snippet(&origin(), &base_path(), concept.slug, &query));
    };
    let copy = move |_| {
        refresh();
        let text = code.get_untracked();
        wasm_bindgen_futures::spawn_local(async move { set_copied.set(Some(copy_text(text).await)) });
    };
    let names = concept.panel.map(|p| (p.hideable)().join(", ")).unwrap_or_default();
    view! {
        <details class="embed-code" data-testid="embed-code" on:toggle=move |_| refresh()>
            <summary>"Embed this panel in your page"</summary>
            <p>"Paste these two lines into any web page. The panel appears with the settings it has now, sizes itself to its content, and trains in the reader's browser."</p>
            <textarea readonly rows="4" aria-label="Embed code" prop:value=move || code.get()></textarea>
            <button on:click=copy>{move || match copied.get() {
                None => "Copy embed code",
                Some(true) => "Embed code copied",
                Some(false) => "Copying is blocked here: select the text above",
            }}</button>
            <p class="hide-names">"To leave controls or parts out, add "<code>"hide="</code>" with any of: "<code>{names}</code>"."</p>
        </details>
    }
}
