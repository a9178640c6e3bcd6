//! Web Workers, first step (see docs/workers-plan.md): a worker runs the very module the page
//! loaded. The loader (`assets/loader.js`) keeps the compiled `WebAssembly.Module` and publishes it
//! as `window.trainlabBuild`, with the glue's URL and the worker script's; `assets/trainlab-worker.js`
//! imports the glue, instantiates the module it is sent (no second download or compile) and calls
//! [`trainlab_worker_main`]. Training does not move here yet: today a worker only answers that it
//! is ready, with the memory its instance holds, and [`ping`] measures how long that takes.

use crate::state::web::now_ms;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &key.into(), value);
}

/// The worker's entry point, called by `assets/trainlab-worker.js` once the module is instantiated.
/// Posts `{t: "ready", build, memBytes}`.
#[wasm_bindgen]
pub fn trainlab_worker_main() {
    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else { return };
    let ready = js_sys::Object::new();
    set(&ready, "t", &"ready".into());
    set(&ready, "build", &(if crate::engine::backend::GPU_BUILT { "gpu" } else { "cpu" }).into());
    let bytes = wasm_bindgen::memory().dyn_into::<js_sys::WebAssembly::Memory>().map(|m| m.buffer());
    let bytes = bytes.ok().and_then(|b| b.dyn_into::<js_sys::ArrayBuffer>().ok()).map(|b| b.byte_length());
    set(&ready, "memBytes", &JsValue::from_f64(f64::from(bytes.unwrap_or(0))));
    let _ = scope.post_message(&ready);
}

/// What the loader published: `{module, js, worker}`.
fn build() -> Result<js_sys::Object, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let b = js_sys::Reflect::get(&window, &"trainlabBuild".into())?;
    b.dyn_into::<js_sys::Object>().map_err(|_| "the loader published no build".into())
}

/// Starts a worker on the page's own module, waits for its first message and ends it. Resolves
/// with that message plus `ms`, from creating the worker to its answer; rejects with the error
/// a worker that cannot start reports (a content security policy, a missing script).
pub async fn ping() -> Result<JsValue, JsValue> {
    let b = build()?;
    let url: String = js_sys::Reflect::get(&b, &"worker".into())?.as_string().ok_or("no worker URL")?;
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(web_sys::WorkerType::Module);
    let t0 = now_ms();
    let worker = web_sys::Worker::new_with_options(&url, &opts)?;
    let answer = js_sys::Promise::new(&mut |resolve, reject| {
        let on_message = Closure::once_into_js(move |e: web_sys::MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &e.data());
        });
        let on_error = Closure::once_into_js(move |e: web_sys::ErrorEvent| {
            let _ = reject.call1(&JsValue::NULL, &format!("the worker did not start: {}", e.message()).into());
        });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        worker.set_onerror(Some(on_error.unchecked_ref()));
    });
    let init = js_sys::Object::new();
    set(&init, "glue", &js_sys::Reflect::get(&b, &"js".into())?);
    set(&init, "module", &js_sys::Reflect::get(&b, &"module".into())?);
    worker.post_message(&init)?;
    let reply = wasm_bindgen_futures::JsFuture::from(answer).await;
    worker.terminate();
    let reply = reply?;
    if let Some(obj) = reply.dyn_ref::<js_sys::Object>() {
        set(obj, "ms", &JsValue::from_f64(now_ms() - t0));
    }
    Ok(reply)
}
