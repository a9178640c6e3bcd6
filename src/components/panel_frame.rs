//! The frame every panel sits in: its controls and figures, the notes about URL values that were
//! clamped, and a "Copy link" button that captures the whole state.

use crate::state::web::{copy_text, current_url};
use leptos::prelude::*;

/// Wraps a panel. `notes` are shown once, at the top, in a status region.
#[component]
pub fn PanelFrame(
    /// Registry slug (a data attribute, for scripts).
    slug: &'static str,
    /// Messages about malformed URL values.
    notes: Vec<String>,
    /// The node whose visibility decides whether the panel's jobs train (from `use_jobs`).
    root: NodeRef<leptos::html::Section>,
    /// The panel's content.
    children: Children,
) -> impl IntoView {
    let (copied, set_copied) = signal(None::<bool>);
    let copy = move |_| {
        wasm_bindgen_futures::spawn_local(async move { set_copied.set(Some(copy_text(current_url()).await)) });
    };
    let has_notes = !notes.is_empty();
    view! {
        <section class="panel" data-testid="panel" data-slug=slug node_ref=root>
            {has_notes
                .then(|| {
                    view! {
                        <div class="url-notes" role="status" data-testid="url-notes">
                            <strong>"Some link settings were adjusted: "</strong>
                            <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                        </div>
                    }
                })}
            {children()}
            <div class="panel-footer">
                <button on:click=copy>
                    {move || match copied.get() {
                        None => "Copy link to this run",
                        Some(true) => "Link copied",
                        Some(false) => "Copying is blocked here: copy the address bar",
                    }}
                </button>
            </div>
        </section>
    }
}
