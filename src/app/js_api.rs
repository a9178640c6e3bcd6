//! `window.trainlab`: what course pages and tests can read of a panel.
//!
//! - `metrics(slug)` → `{series_name: [[step, value], ...]}`
//! - `status(slug)` → `"idle" | "running" | "paused" | "diverged" | "done"` (`null` if not shown)
//! - `steps(slug)` → steps completed
//! - `command(slug, name)` → runs `"play"`, `"pause"`, `"step"` or `"reset"` as the panel's
//!   buttons do; `true` if the panel is shown and the name is one of these
//! - `backend()` → `{name, adapter, fallback, build}`; `build` is `"cpu"` for the CPU-only build
//!   (`assets/loader.js` picks it), `"gpu"` for the full one
//! - `registry()` → `[{number, slug, title, built, series, hideable, testQuery}, ...]`, all 17
//!   concepts in course order; `series` are the names `metrics(slug)` reports, `hideable` the
//!   names `hide=` accepts, `testQuery` a configuration that runs to the end in seconds (`null`
//!   for all three while a concept is not built)
//! - `engine()` → where training runs: `{mode: "workers" | "main-thread", reason, poolSize,
//!   workers: [{live, jobs, steps, memBytes, startMs}], mainThreadSteps, jobs: [{job, panel, part,
//!   worker}]}`; `mainThreadSteps` counts steps run on the page's own thread
//! - `debug.pingWorker()` → a promise of a Web Worker's first answer on the page's own module
//! - `debug.crashWorker(i)` → makes worker `i` fail as a crash would (its panels say so; Reset
//!   starts their jobs again)
//! - `debug.panicIn(slug)` → a real Rust panic in the Web Worker that trains `slug` (the panel
//!   shows the panic's message; Reset starts it again); `false` when it trains on the page

use crate::engine::backend;
use crate::panels::REGISTRY;
use crate::runtime::probes::with_panel;
use crate::runtime::runtime;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &key.into(), value);
}

/// The registry as JSON, for `registry()`.
fn registry_json() -> String {
    let items: Vec<serde_json::Value> = REGISTRY
        .iter()
        .map(|c| {
            serde_json::json!({
                "number": c.number,
                "slug": c.slug,
                "title": c.title,
                "built": c.panel.is_some(),
                "series": c.panel.map(|p| p.series),
                "hideable": c.panel.map(|p| (p.hideable)()),
                "testQuery": c.panel.map(|p| p.test_query),
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

/// Installs `window.trainlab`. Call once at start-up.
pub fn install() {
    let Some(window) = web_sys::window() else { return };
    let api = js_sys::Object::new();
    let metrics = Closure::<dyn Fn(String) -> JsValue>::new(|slug: String| {
        let json = with_panel(&slug, |p| p.metrics_json()).unwrap_or_else(|| "{}".into());
        js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL)
    });
    let status = Closure::<dyn Fn(String) -> JsValue>::new(|slug: String| {
        with_panel(&slug, |p| JsValue::from_str(p.status())).unwrap_or(JsValue::NULL)
    });
    let steps = Closure::<dyn Fn(String) -> JsValue>::new(|slug: String| {
        with_panel(&slug, |p| JsValue::from_f64(p.steps() as f64)).unwrap_or(JsValue::NULL)
    });
    let backend = Closure::<dyn Fn() -> JsValue>::new(|| {
        let info = runtime().backend.get_untracked();
        let obj = js_sys::Object::new();
        if let Some(b) = info {
            set(&obj, "name", &b.kind.name().into());
            set(&obj, "adapter", &b.adapter.into());
            set(&obj, "fallback", &b.fallback.into());
            set(&obj, "build", &(if backend::GPU_BUILT { "gpu" } else { "cpu" }).into());
        }
        obj.into()
    });
    let registry =
        Closure::<dyn Fn() -> JsValue>::new(|| js_sys::JSON::parse(&registry_json()).unwrap_or(JsValue::NULL));
    let command = Closure::<dyn Fn(String, String) -> bool>::new(|slug: String, name: String| {
        with_panel(&slug, |p| p.command(&name)).unwrap_or(false)
    });
    set(&api, "command", command.as_ref());
    command.forget();
    set(&api, "registry", registry.as_ref());
    registry.forget();
    set(&api, "metrics", metrics.as_ref());
    set(&api, "status", status.as_ref());
    set(&api, "steps", steps.as_ref());
    set(&api, "backend", backend.as_ref());
    // `debug.pingWorker()`: starts a worker on the page's own module and resolves with its first
    // answer (`{t: "ready", build, memBytes, ms}`); see runtime::worker.
    let debug = js_sys::Object::new();
    let ping = Closure::<dyn Fn() -> js_sys::Promise>::new(|| {
        wasm_bindgen_futures::future_to_promise(crate::runtime::worker::ping())
    });
    set(&debug, "pingWorker", ping.as_ref());
    ping.forget();
    let crash = Closure::<dyn Fn(f64)>::new(|i: f64| runtime().crash_worker(i.max(0.0) as usize));
    set(&debug, "crashWorker", crash.as_ref());
    crash.forget();
    let panic_in = Closure::<dyn Fn(String) -> bool>::new(|slug: String| runtime().panic_in(&slug));
    set(&debug, "panicIn", panic_in.as_ref());
    panic_in.forget();
    let engine =
        Closure::<dyn Fn() -> JsValue>::new(|| js_sys::JSON::parse(&runtime().engine_json()).unwrap_or(JsValue::NULL));
    set(&api, "engine", engine.as_ref());
    engine.forget();
    set(&api, "debug", &debug);
    set(&window, "trainlab", &api);
    metrics.forget();
    status.forget();
    steps.forget();
    backend.forget();
}
