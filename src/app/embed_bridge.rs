//! The embedded page's side of the conversation with the page that embeds it (`assets/embed.js`
//! is the other side). Active only on `/embed/<slug>` inside a frame.
//!
//! To the parent (any origin: nothing in them is private), each `{type, slug, ...}`:
//! - `trainlab:ready` `{version: 1, hideable}` once the panel is shown and answers (commands sent
//!   earlier find no panel: `assets/embed.js` holds them until this);
//! - `trainlab:height` `{height}`: the page's content height in CSS pixels, on every change;
//! - `trainlab:status` `{status, steps}` whenever the status changes, and when asked.
//!
//! From the parent, and only from it (`event.source` must be the parent window), an object with
//! exactly the keys `type` and, optionally, `id` (a string or a finite number, echoed back):
//! - `trainlab:play`, `trainlab:pause`, `trainlab:reset`: as the panel's buttons;
//! - `trainlab:status`: answered with a status message (with the request's `id`);
//! - `trainlab:metrics`: answered with `{type: "trainlab:metrics", slug, id, metrics}`, the series
//!   as `window.trainlab.metrics(slug)` gives them, sent to the asker's origin.
//!
//! Anything else, or anything from another window, is ignored without a word.

use crate::kit::hooks::on_tick;
use crate::panels::REGISTRY;
use crate::runtime::probes::with_panel;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The messages' schema version.
pub const VERSION: u32 = 1;

thread_local! {
    /// The slug of the embedded panel now shown (one per embed page).
    static SHOWN: Cell<Option<&'static str>> = const { Cell::new(None) };
    /// Whether the window's listeners are installed.
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
    /// The last status posted, so that only changes are sent.
    static LAST: RefCell<Option<(&'static str, &'static str)>> = const { RefCell::new(None) };
    /// The last height posted.
    static HEIGHT: Cell<f64> = const { Cell::new(0.0) };
    /// Whether `ready` was posted for the panel now shown.
    static READY: Cell<bool> = const { Cell::new(false) };
}

/// The parent window, when this page is framed.
fn parent() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &key.into(), value);
}

/// A message `{type: "trainlab:<kind>", slug}` to fill in.
fn message(kind: &str, slug: &str) -> js_sys::Object {
    let obj = js_sys::Object::new();
    set(&obj, "type", &format!("trainlab:{kind}").into());
    set(&obj, "slug", &slug.into());
    obj
}

fn post(msg: &js_sys::Object, target: &str) {
    if let Some(p) = parent() {
        let _ = p.post_message(msg, target);
    }
}

/// Starts talking to the parent about `slug`, if framed; stops when the panel goes.
pub fn attach(slug: &'static str) {
    if parent().is_none() {
        return;
    }
    SHOWN.with(|s| s.set(Some(slug)));
    LAST.with(|l| l.replace(None));
    HEIGHT.with(|h| h.set(0.0));
    READY.with(|r| r.set(false));
    install();
    on_tick(poll);
    leptos::prelude::on_cleanup(move || SHOWN.with(|s| s.set(None)));
}

/// On each runtime tick and each resize of the body: `ready` once the panel answers, a new
/// status, a new height (the tick also sees content that shrank inside a body held at the
/// frame's height, which the observer does not).
fn poll() {
    let Some(slug) = SHOWN.with(Cell::get) else { return };
    if with_panel(slug, |_| ()).is_none() {
        return;
    }
    if !READY.with(|r| r.replace(true)) {
        post_ready(slug);
    }
    post_status(slug, false, &JsValue::UNDEFINED);
    post_height();
}

fn post_ready(slug: &'static str) {
    let ready = message("ready", slug);
    set(&ready, "version", &VERSION.into());
    let hideable = REGISTRY.iter().find(|c| c.slug == slug).and_then(|c| c.panel).map(|p| (p.hideable)());
    let names: js_sys::Array = hideable.unwrap_or_default().iter().map(|n| JsValue::from_str(n)).collect();
    set(&ready, "hideable", &names);
    post(&ready, "*");
}

/// Posts the status of `slug` when it changed since the last post (or always, with `force`),
/// with `id` when it answers a request.
fn post_status(slug: &'static str, force: bool, id: &JsValue) {
    let Some((status, steps)) = with_panel(slug, |p| (p.status(), p.steps())) else { return };
    let changed = LAST.with(|l| l.replace(Some((slug, status))) != Some((slug, status)));
    if changed || force {
        let msg = message("status", slug);
        set(&msg, "status", &status.into());
        set(&msg, "steps", &JsValue::from_f64(steps as f64));
        if !id.is_undefined() {
            set(&msg, "id", id);
        }
        post(&msg, "*");
    }
}

/// The height the page's content needs: the bottom of the embed's box in the document (not in
/// the frame's scrolled view), plus a little slack against rounding; none before it exists.
const SLACK_PX: f64 = 4.0;
fn content_height() -> Option<f64> {
    let window = web_sys::window()?;
    let content = window.document()?.query_selector(".embed").ok().flatten()?;
    let scroll = window.scroll_y().unwrap_or(0.0);
    Some((content.get_bounding_client_rect().bottom() + scroll + SLACK_PX).ceil())
}

/// Posts the content's height, if it changed since the last post.
fn post_height() {
    let (Some(slug), Some(h)) = (SHOWN.with(Cell::get), content_height()) else { return };
    if HEIGHT.with(|last| last.replace(h)) == h {
        return;
    }
    let msg = message("height", slug);
    set(&msg, "height", &h.into());
    post(&msg, "*");
}

/// The message listener and the resize observer, once per page.
fn install() {
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(on_message);
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
    let on_resize = Closure::<dyn FnMut()>::new(poll);
    if let (Ok(observer), Some(body)) =
        (web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()), window.document().and_then(|d| d.body()))
    {
        observer.observe(&body);
    }
    on_resize.forget();
}

/// A request's kind and its `id`, if `data` is one in the schema.
fn parse(data: &JsValue) -> Option<(String, JsValue)> {
    if !data.is_object() || js_sys::Array::is_array(data) {
        return None;
    }
    let keys = js_sys::Object::keys(data.unchecked_ref::<js_sys::Object>());
    if keys.iter().any(|k| k.as_string().is_none_or(|k| k != "type" && k != "id")) {
        return None;
    }
    let kind = js_sys::Reflect::get(data, &"type".into()).ok()?.as_string()?;
    let kind = kind.strip_prefix("trainlab:")?;
    if !matches!(kind, "play" | "pause" | "reset" | "status" | "metrics") {
        return None;
    }
    let id = js_sys::Reflect::get(data, &"id".into()).unwrap_or(JsValue::UNDEFINED);
    let id_ok = id.is_undefined() || id.is_string() || id.as_f64().is_some_and(f64::is_finite);
    id_ok.then(|| (kind.to_string(), id))
}

fn on_message(e: web_sys::MessageEvent) {
    let (Some(parent), Some(source)) = (parent(), e.source()) else { return };
    if !js_sys::Object::is(&source, &parent) {
        return;
    }
    let (Some(slug), Some((kind, id))) = (SHOWN.with(Cell::get), parse(&e.data())) else { return };
    match kind.as_str() {
        "status" => post_status(slug, true, &id),
        "metrics" => {
            let json = with_panel(slug, |p| p.metrics_json()).unwrap_or_else(|| "{}".into());
            let msg = message("metrics", slug);
            set(&msg, "id", &id);
            set(&msg, "metrics", &js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL));
            let origin = e.origin();
            post(&msg, if origin == "null" || origin.is_empty() { "*" } else { &origin });
        }
        command => {
            with_panel(slug, |p| p.command(command));
        }
    }
}
