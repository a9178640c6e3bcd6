//! `window.trainlab`: what course pages and tests can read of a panel.
//!
//! - `metrics(slug)` → `{series_name: [[step, value], ...]}`
//! - `status(slug)` → `"idle" | "running" | "paused" | "diverged" | "done"` (`null` if not shown)
//! - `steps(slug)` → steps completed
//! - `backend()` → `{name, adapter, fallback, build}`; `build` is `"cpu"` for the CPU-only build
//!   (`assets/loader.js` picks it), `"gpu"` for the full one

use super::runtime::runtime;
use crate::engine::backend;
use crate::engine::group::JobGroup;
use crate::engine::job::{Experiment, Job};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// What the API reads from a panel's job.
pub trait Probe {
    /// Metrics as JSON.
    fn metrics_json(&self) -> String;
    /// Lifecycle state name.
    fn status(&self) -> &'static str;
    /// Steps completed.
    fn steps(&self) -> u64;
}

impl<E: Experiment> Probe for RefCell<Job<E>> {
    fn metrics_json(&self) -> String {
        self.borrow().metrics().to_json()
    }
    fn status(&self) -> &'static str {
        self.borrow().status().as_str()
    }
    fn steps(&self) -> u64 {
        self.borrow().steps()
    }
}

impl Probe for JobGroup {
    fn metrics_json(&self) -> String {
        self.metrics().to_json()
    }
    fn status(&self) -> &'static str {
        JobGroup::status(self).as_str()
    }
    fn steps(&self) -> u64 {
        JobGroup::steps(self)
    }
}

thread_local! {
    static PANELS: RefCell<BTreeMap<String, Rc<dyn Probe>>> = RefCell::new(BTreeMap::new());
}

/// Makes a panel's job readable under `slug` (replacing any previous one).
pub fn register(slug: &str, probe: Rc<dyn Probe>) {
    PANELS.with(|p| p.borrow_mut().insert(slug.to_string(), probe));
}

/// Forgets `slug` (when its panel unmounts), if `probe` is still the registered one.
pub fn unregister(slug: &str, probe: &Rc<dyn Probe>) {
    PANELS.with(|p| {
        let mut p = p.borrow_mut();
        if p.get(slug).is_some_and(|cur| Rc::ptr_eq(cur, probe)) {
            p.remove(slug);
        }
    });
}

fn with_panel<T>(slug: &str, f: impl FnOnce(&dyn Probe) -> T) -> Option<T> {
    PANELS.with(|p| p.borrow().get(slug).map(|probe| f(probe.as_ref())))
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &key.into(), value);
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
    set(&api, "metrics", metrics.as_ref());
    set(&api, "status", status.as_ref());
    set(&api, "steps", steps.as_ref());
    set(&api, "backend", backend.as_ref());
    set(&window, "trainlab", &api);
    metrics.forget();
    status.forget();
    steps.forget();
    backend.forget();
}
