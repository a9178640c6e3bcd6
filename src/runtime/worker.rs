//! Inside a Web Worker: the worker runs the very module the page loaded (the loader keeps the
//! compiled `WebAssembly.Module` and `assets/trainlab-worker.js` instantiates it, with no second
//! download or compile), then [`serve`] hosts jobs there. It trains them with a [`Host`] in
//! rounds of [`ROUND_MS`], yielding between rounds through a `MessageChannel` so that the page's
//! commands are seen at once, and posts each job's updates (at most about 30 a second). There is no
//! frame budget here: a long step only delays this worker's own messages.
//!
//! [`ping`] (`trainlab.debug.pingWorker()`) starts a bare worker and measures its start.

use super::wire_js;
use crate::engine::backend;
use crate::engine::host::Host;
use crate::engine::protocol::{ToHost, ToMain};
use crate::engine::spec::Spawn;
use crate::engine::wire;
use crate::state::web::now_ms;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Training time per round, before the worker looks at its messages again.
pub const ROUND_MS: f64 = 20.0;

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &key.into(), value);
}

fn scope() -> Option<web_sys::DedicatedWorkerGlobalScope> {
    js_sys::global().dyn_into().ok()
}

/// The instance's linear memory, in bytes.
pub fn memory_bytes() -> f64 {
    let bytes = wasm_bindgen::memory().dyn_into::<js_sys::WebAssembly::Memory>().map(|m| m.buffer());
    let bytes = bytes.ok().and_then(|b| b.dyn_into::<js_sys::ArrayBuffer>().ok()).map(|b| b.byte_length());
    f64::from(bytes.unwrap_or(0))
}

struct Worker {
    /// `None` until the device is ready (a GPU device starts asynchronously).
    host: RefCell<Option<Host>>,
    /// Messages that came before the host.
    early: RefCell<Vec<ToHost>>,
    scheduled: Cell<bool>,
    port: web_sys::MessagePort,
}

thread_local! {
    static WORKER: RefCell<Option<std::rc::Rc<Worker>>> = const { RefCell::new(None) };
}

fn worker() -> Option<std::rc::Rc<Worker>> {
    WORKER.with(|w| w.borrow().clone())
}

/// Hosts jobs in this worker, built by `spawn` on WebGPU when `gpu` is set (on the CPU when
/// WebGPU fails here, saying why), else on the CPU. Posts `{t: "ready", build, backend, gpuError,
/// memBytes}` once the device works.
pub fn serve(spawn: Spawn, gpu: bool) {
    let Some(scope) = scope() else { return };
    // A panic here ends this worker's module (wasm cannot unwind); the page hears the message
    // first, and the worker's panels say it. Everything else on the page goes on.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let fatal = js_sys::Object::new();
        set(&fatal, "t", &"fatal".into());
        set(&fatal, "message", &format!("it panicked: {}", info.payload_as_str().unwrap_or("no message")).into());
        if let Some(scope) = self::scope() {
            set(&scope, "trainlabFatal", &JsValue::TRUE);
            let _ = scope.post_message(&fatal);
        }
    }));
    let Ok(channel) = web_sys::MessageChannel::new() else { return };
    let round = Closure::<dyn FnMut()>::new(round);
    channel.port1().set_onmessage(Some(round.as_ref().unchecked_ref()));
    round.forget();
    let w = Worker {
        host: RefCell::new(None),
        early: RefCell::new(Vec::new()),
        scheduled: Cell::new(false),
        port: channel.port2(),
    };
    WORKER.with(|slot| *slot.borrow_mut() = Some(std::rc::Rc::new(w)));
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
        let Some(packet) = wire_js::from_js(&e.data()) else { return };
        let Ok(msg) = wire::decode::<ToHost>(packet) else { return };
        if msg == ToHost::Crash {
            wasm_bindgen::throw_str("trainlab.debug.crashWorker: this worker was stopped on purpose");
        }
        if msg == ToHost::Panic {
            panic!("trainlab.debug.panicIn: a panic planted in the worker that trains this panel");
        }
        let Some(w) = worker() else { return };
        match w.host.borrow_mut().as_mut() {
            Some(host) => host.handle(msg),
            None => w.early.borrow_mut().push(msg),
        }
        kick();
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    if !gpu {
        start_host(spawn, backend::cpu_device(), None, None);
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        match backend::gpu_device().await {
            // GPU steps are enqueued faster than they run; keep slices short.
            Ok(device) => start_host(spawn, device, Some(8), None),
            Err(e) => start_host(spawn, backend::cpu_device(), None, Some(e)),
        }
    });
}

/// Creates the host on `device`, hands it what came early, and says ready.
fn start_host(spawn: Spawn, device: burn::tensor::Device, slice: Option<u64>, gpu_error: Option<String>) {
    let Some(w) = worker() else { return };
    let gpu = slice.is_some();
    let mut host = Host::new(spawn, device);
    if let Some(n) = slice {
        host.set_max_steps_per_slice(n);
    }
    w.early.borrow_mut().drain(..).for_each(|m| host.handle(m));
    w.host.replace(Some(host));
    let ready = js_sys::Object::new();
    set(&ready, "t", &"ready".into());
    set(&ready, "build", &(if backend::GPU_BUILT { "gpu" } else { "cpu" }).into());
    set(&ready, "backend", &(if gpu { "webgpu" } else { "cpu" }).into());
    if let Some(e) = gpu_error {
        set(&ready, "gpuError", &e.into());
    }
    set(&ready, "memBytes", &JsValue::from_f64(memory_bytes()));
    if let Some(scope) = scope() {
        let _ = scope.post_message(&ready);
    }
    kick();
}

/// Schedules a round, unless one is.
fn kick() {
    let Some(w) = worker() else { return };
    if !w.scheduled.replace(true) {
        let _ = w.port.post_message(&JsValue::NULL);
    }
}

/// One round: train, file readbacks, post the updates that are due, and schedule the next round
/// while anything wants to train (or an update was held back by the rate limit).
fn round() {
    let Some(w) = worker() else { return };
    w.scheduled.set(false);
    let mut host = w.host.borrow_mut();
    let Some(host) = host.as_mut() else { return };
    for rb in host.frame(ROUND_MS, &now_ms) {
        wasm_bindgen_futures::spawn_local(async move {
            let job = rb.job.clone();
            rb.complete_async().await;
            if job.borrow().readback_failed() {
                device_lost(job.borrow().error().unwrap_or_default());
            }
            kick();
        });
    }
    let (mut msgs, held) = host.updates(now_ms());
    let memory = memory_bytes();
    msgs.iter_mut().for_each(|m| {
        if let ToMain::Update(u) = m {
            u.host_memory = memory;
        }
    });
    if let Some(scope) = scope() {
        for msg in msgs {
            if let Ok(p) = wire::encode(&msg) {
                let (obj, transfer) = wire_js::to_js(&p);
                let _ = scope.post_message_with_transfer(&obj, &transfer);
            }
        }
    }
    if host.busy() {
        kick();
    } else if held {
        gloo::timers::callback::Timeout::new(34, kick).forget();
    }
}

/// Tells the page that this worker's GPU stopped answering (its jobs then move to the CPU).
fn device_lost(why: String) {
    let msg = js_sys::Object::new();
    set(&msg, "t", &"device_lost".into());
    set(&msg, "message", &why.into());
    if let Some(scope) = scope() {
        let _ = scope.post_message(&msg);
    }
}

/// What the loader published: `{module, js, worker}`.
pub fn build() -> Result<js_sys::Object, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let b = js_sys::Reflect::get(&window, &"trainlabBuild".into())?;
    b.dyn_into::<js_sys::Object>().map_err(|_| "the loader published no build".into())
}

/// Starts a module worker on the page's own build and sends it the module, to train on WebGPU when
/// `gpu` is set. Errors when the browser refuses (a content security policy, no module workers).
pub fn start(gpu: bool) -> Result<web_sys::Worker, JsValue> {
    let b = build()?;
    let url: String = js_sys::Reflect::get(&b, &"worker".into())?.as_string().ok_or("no worker URL")?;
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(&url, &opts)?;
    let init = js_sys::Object::new();
    set(&init, "glue", &js_sys::Reflect::get(&b, &"js".into())?);
    set(&init, "module", &js_sys::Reflect::get(&b, &"module".into())?);
    set(&init, "backend", &(if gpu { "webgpu" } else { "cpu" }).into());
    worker.post_message(&init)?;
    Ok(worker)
}

/// Starts a worker on the page's own module, waits for its first message and ends it. Resolves
/// with that message plus `ms`, from creating the worker to its answer; rejects with the error
/// a worker that cannot start reports (a content security policy, a missing script).
pub async fn ping() -> Result<JsValue, JsValue> {
    let t0 = now_ms();
    let worker = start(false)?;
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
    let reply = wasm_bindgen_futures::JsFuture::from(answer).await;
    worker.terminate();
    let reply = reply?;
    if let Some(obj) = reply.dyn_ref::<js_sys::Object>() {
        set(obj, "ms", &JsValue::from_f64(now_ms() - t0));
    }
    Ok(reply)
}
