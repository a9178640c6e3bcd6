//! The engine's browser runtime: the chosen backend and device, the one [`Scheduler`], the
//! `requestAnimationFrame` loop that gives it a frame budget and runs readbacks asynchronously, and
//! ([`probes`]) what each shown panel exposes to `window.trainlab`. The app starts it; panels use it
//! through the kit. It sits below the components, the kit and the panels, and imports none of them.
//!
//! It lives in a thread-local so that `window.trainlab` (called from outside any reactive scope)
//! and every panel reach the same scheduler.

use crate::engine::backend::{self, AdapterProbe, BackendInfo, BackendKind, Decision, Preference};
use crate::engine::scheduler::{JobHandle, Scheduler};
use crate::state::web::now_ms;
pub mod probes;
pub mod worker;

use burn::tensor::Device;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Training time per animation frame, shared by all jobs (the rest is left for drawing).
pub const FRAME_BUDGET_MS: f64 = 8.0;
/// UI refreshes at most this often.
const TICK_MS: f64 = 80.0;

/// Everything the page's training shares.
pub struct Runtime {
    scheduler: RefCell<Scheduler>,
    device: RefCell<Device>,
    /// The backend in use; `None` while WebGPU is being probed.
    pub backend: RwSignal<Option<BackendInfo>>,
    /// Bumped (at most every 80 ms) after readbacks land; panels redraw on it.
    pub tick: RwSignal<u64>,
    dirty: Cell<bool>,
    last_tick: Cell<f64>,
}

thread_local! {
    static RUNTIME: Rc<Runtime> = Rc::new(Runtime {
        scheduler: RefCell::new(Scheduler::default()),
        device: RefCell::new(backend::cpu_device()),
        backend: RwSignal::new(None),
        tick: RwSignal::new(0),
        dirty: Cell::new(false),
        last_tick: Cell::new(0.0),
    });
}

/// The page's runtime.
pub fn runtime() -> Rc<Runtime> {
    RUNTIME.with(Rc::clone)
}

impl Runtime {
    /// The device new jobs should be built on.
    pub fn device(&self) -> Device {
        self.device.borrow().clone()
    }

    /// Registers a job with the scheduler; returns its id for [`Runtime::remove`].
    pub fn add(&self, job: JobHandle) -> u64 {
        self.scheduler.borrow_mut().add(job)
    }

    /// Unregisters a job.
    pub fn remove(&self, id: u64) {
        self.scheduler.borrow_mut().remove(id);
    }

    fn frame(self: &Rc<Self>) {
        let hidden = web_sys::window().and_then(|w| w.document()).map(|d| d.hidden()).unwrap_or(false);
        if !hidden {
            let readbacks = self.scheduler.borrow_mut().frame(FRAME_BUDGET_MS, &now_ms);
            if self.scheduler.borrow_mut().take_host_work_done() {
                self.dirty.set(true);
            }
            for rb in readbacks {
                let rt = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let job = rb.job.clone();
                    rb.complete_async().await;
                    rt.dirty.set(true);
                    let failed = job.borrow().readback_failed();
                    if failed {
                        rt.fall_back_to_cpu("The GPU stopped answering (device lost or a readback failed).");
                    }
                });
            }
        }
        let now = now_ms();
        if self.dirty.get() && now - self.last_tick.get() >= TICK_MS {
            self.dirty.set(false);
            self.last_tick.set(now);
            // Redraw in a task of its own, so that a training slice and a chart redraw never add
            // up to one long main-thread task.
            let tick = self.tick;
            gloo::timers::callback::Timeout::new(0, move || tick.update(|t| *t += 1)).forget();
        }
    }

    /// Switches every future job to the CPU with a visible notice. Panels watch `backend` and
    /// rebuild their jobs, so nothing but the run in progress is lost.
    pub fn fall_back_to_cpu(&self, why: &str) {
        if self.backend.get_untracked().map(|b| b.kind) == Some(BackendKind::Cpu) {
            return;
        }
        *self.device.borrow_mut() = backend::cpu_device();
        self.scheduler.borrow_mut().max_steps_per_slice = Scheduler::default().max_steps_per_slice;
        self.backend.set(Some(BackendInfo::cpu(Some(format!("{why} Training continues on the CPU.")))));
    }
}

/// Starts the animation-frame loop. Call once.
pub fn start_loop() {
    let rt = runtime();
    type FrameCallback = Closure<dyn FnMut(f64)>;
    let cb: Rc<RefCell<Option<FrameCallback>>> = Rc::new(RefCell::new(None));
    let cb2 = cb.clone();
    *cb.borrow_mut() = Some(Closure::new(move |_t: f64| {
        rt.frame();
        if let (Some(w), Some(f)) = (web_sys::window(), cb2.borrow().as_ref()) {
            let _ = w.request_animation_frame(f.as_ref().unchecked_ref());
        }
    }));
    if let (Some(w), Some(f)) = (web_sys::window(), cb.borrow().as_ref()) {
        let _ = w.request_animation_frame(f.as_ref().unchecked_ref());
    }
    std::mem::forget(cb);
}

/// Probes `navigator.gpu.requestAdapter()`; `None` when WebGPU is absent or gives no adapter.
async fn probe_adapter() -> Option<AdapterProbe> {
    use js_sys::{Promise, Reflect};
    let nav = web_sys::window()?.navigator();
    let gpu = Reflect::get(&nav, &"gpu".into()).ok().filter(|g| !g.is_undefined() && !g.is_null())?;
    let request: js_sys::Function = Reflect::get(&gpu, &"requestAdapter".into()).ok()?.dyn_into().ok()?;
    let promise: Promise = request.call0(&gpu).ok()?.dyn_into().ok()?;
    let adapter = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    if adapter.is_null() || adapter.is_undefined() {
        return None;
    }
    let info = Reflect::get(&adapter, &"info".into()).unwrap_or(JsValue::UNDEFINED);
    let field = |k: &str| Reflect::get(&info, &k.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let fallback = Reflect::get(&info, &"isFallbackAdapter".into())
        .ok()
        .and_then(|v| v.as_bool())
        .or_else(|| Reflect::get(&adapter, &"isFallbackAdapter".into()).ok().and_then(|v| v.as_bool()))
        .unwrap_or(false);
    let parts: Vec<String> =
        [field("vendor"), field("architecture"), field("description")].into_iter().filter(|s| !s.is_empty()).collect();
    let description = if parts.is_empty() { "unknown adapter".into() } else { parts.join(" ") };
    Some(AdapterProbe { description, is_fallback: fallback })
}

/// Chooses and starts the backend for `pref`, updating [`Runtime::backend`]. Never fails: any
/// WebGPU problem ends on the CPU with a notice.
pub async fn start_backend(pref: Preference) {
    let rt = runtime();
    let probe = if backend::probe_needed(pref, backend::GPU_BUILT) { probe_adapter().await } else { None };
    let info = match backend::decide(pref, probe.as_ref(), backend::GPU_BUILT) {
        Decision::Cpu { notice } => BackendInfo::cpu(notice),
        Decision::Gpu => match backend::gpu_device().await {
            Ok(device) => {
                *rt.device.borrow_mut() = device;
                // GPU steps are enqueued faster than they run; keep slices short.
                rt.scheduler.borrow_mut().max_steps_per_slice = 8;
                let p = probe.unwrap_or(AdapterProbe { description: "unknown".into(), is_fallback: false });
                BackendInfo { kind: BackendKind::WebGpu, adapter: p.description, fallback: p.is_fallback, notice: None }
            }
            Err(e) => BackendInfo::cpu(Some(format!("WebGPU failed to start ({e}); training runs on the CPU."))),
        },
    };
    rt.backend.set(Some(info));
}
