//! The app shell: start-up (panic hook, backend, `window.trainlab`, the runtime's frame loop), the
//! router and the pages. Routes: `/` gallery, `/concepts/<slug>`, `/embed/<slug>` (no site chrome), anything
//! else the not-found page. The router's base comes from `<base href>`, so the site also works
//! when served from a sub-path (`trunk --public-url /sub/`).

pub mod bench;
pub mod embed_bridge;
pub mod embed_code;
pub mod js_api;
pub mod pages;

use crate::engine::backend::Preference;
use crate::runtime;
use crate::state::web::current_query;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use pages::{ConceptPage, EmbedPage, Gallery, NotFound};

/// The site's base path without a trailing slash: `""` at the root, `"/sub"` under a sub-path.
pub fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|u| web_sys::Url::new(&u).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

extern "C" {
    /// Runs the module's static constructors (the `inventory` registrations in Burn's CubeCL
    /// backends). wasm-ld synthesises it. Unless the program calls it explicitly, wasm-ld wraps
    /// *every* export so that it re-runs all constructors first, which made each frame callback
    /// cost ~250 ms.
    fn __wasm_call_ctors();
}

/// Starts the engine and mounts the app on `<body>`; wasm-bindgen calls it once the module loads.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    // SAFETY: called exactly once, first thing, before any code that reads the registrations.
    unsafe { __wasm_call_ctors() };
    std::panic::set_hook(Box::new(page_panic));
    // wasm-bindgen runs `start` in every instance of the module, Web Workers included; a worker
    // has no page to mount and waits for `trainlab_worker_main` (runtime::worker).
    if web_sys::window().is_none() {
        return;
    }
    runtime::runtime().set_spawn(crate::panels::spawn);
    js_api::install();
    bench::install();
    let q = current_query();
    let pref = q.get("backend").and_then(Preference::parse).unwrap_or_default();
    wasm_bindgen_futures::spawn_local(runtime::start_backend(pref));
    runtime::start_loop();
    leptos::mount::mount_to_body(App);
}

/// A panic on the page's own thread: the module cannot go on (wasm does not unwind), so the
/// reader is told so at the top of the page, besides the message on the console.
fn page_panic(info: &std::panic::PanicHookInfo) {
    console_error_panic_hook::hook(info);
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Ok(p), Some(body)) = (doc.create_element("p"), doc.body()) else { return };
    p.set_class_name("fatal");
    let _ = p.set_attribute("role", "alert");
    let why = info.payload_as_str().unwrap_or("no message");
    p.set_text_content(Some(&format!(
        "Trainlab hit an internal error and stopped ({why}). Reload the page to start again."
    )));
    let _ = body.prepend_with_node_1(&p);
}

/// A Web Worker's entry point, called by `assets/trainlab-worker.js` once the page's module is
/// instantiated there: the worker hosts jobs, built through the panels' registry, on `backend`
/// (`"webgpu"` or `"cpu"`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn trainlab_worker_main(backend: String) {
    runtime::worker::serve(crate::panels::spawn, backend == "webgpu");
}

/// Router and routes.
#[component]
pub fn App() -> impl IntoView {
    let base = base_path();
    view! {
        <Router base=base>
            <Routes fallback=|| view! { <NotFound /> }>
                <Route path=path!("/") view=Gallery />
                <Route path=path!("/concepts/:slug") view=ConceptPage />
                <Route path=path!("/embed/:slug") view=EmbedPage />
            </Routes>
        </Router>
    }
}
