//! Browser-side page state: reading and rewriting the URL query without a navigation, the reader's
//! motion preference, and on-screen visibility of an element.

use super::query::Query;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The current `location.search`, parsed.
pub fn current_query() -> Query {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    Query::parse(&search)
}

/// Rewrites the query string in place (`history.replaceState`), keeping keys the panel does not
/// own (`backend`, `autoplay`, …) and the path.
pub fn replace_query(owned: &Query, keys: &[&str]) {
    let Some(w) = web_sys::window() else { return };
    // The panel's own keys are written afresh: one it now leaves out (an empty list) must go.
    let mut merged = current_query().without(keys);
    for (k, v) in owned.iter() {
        merged = merged.with(k, v);
    }
    let path = w.location().pathname().unwrap_or_default();
    let url = format!("{path}?{}", merged.to_query_string());
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&h.state().unwrap_or(JsValue::NULL), "", Some(&url));
    }
}

/// Sets the document's title (each route names its concept).
pub fn set_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// The full URL of the current page (for "Copy link").
pub fn current_url() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Copies `text` to the clipboard; whether the browser took it (a page served over plain http
/// has no clipboard, and a browser may refuse).
pub async fn copy_text(text: String) -> bool {
    let Some(w) = web_sys::window() else { return false };
    let nav = w.navigator();
    let present = js_sys::Reflect::get(&nav, &"clipboard".into()).is_ok_and(|c| !c.is_undefined() && !c.is_null());
    present && wasm_bindgen_futures::JsFuture::from(nav.clipboard().write_text(&text)).await.is_ok()
}

/// `prefers-reduced-motion: reduce`.
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

/// Whether the URL says `autoplay=0` (or `false`/`off`/`no`).
pub fn autoplay_disabled(q: &Query) -> bool {
    matches!(q.get("autoplay").map(str::trim), Some("0" | "false" | "off" | "no"))
}

/// An element's visibility observer; dropping it disconnects the observer and frees its callback.
pub struct Visibility {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn Fn(js_sys::Array)>,
}

impl Drop for Visibility {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_change(visible)` whenever `el` enters or leaves the viewport, until the returned
/// guard is dropped.
pub fn observe_visibility(el: &web_sys::Element, on_change: impl Fn(bool) + 'static) -> Option<Visibility> {
    let cb = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(e) = entries.iter().last() {
            let e: web_sys::IntersectionObserverEntry = e.unchecked_into();
            on_change(e.is_intersecting());
        }
    });
    let observer = web_sys::IntersectionObserver::new(cb.as_ref().unchecked_ref()).ok()?;
    observer.observe(el);
    Some(Visibility { observer, _callback: cb })
}

/// Milliseconds since the page (or the worker) started: `performance.now()` of the global scope,
/// so that it also runs in a Web Worker, where there is no `window`; 0 where unavailable.
/// The `Performance` object is looked up once per thread: the scheduler reads the clock after every
/// step of a slice.
pub fn now_ms() -> f64 {
    thread_local! {
        static PERF: Option<web_sys::Performance> = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
            .ok()
            .and_then(|p| p.dyn_into::<web_sys::Performance>().ok());
    }
    PERF.with(|p| p.as_ref().map(|p| p.now()).unwrap_or(0.0))
}
