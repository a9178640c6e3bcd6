//! The engine's browser runtime: the chosen backend and device, where each job trains, and the
//! page's [`Mirror`] of every job. Jobs train in a pool of Web Workers ([`pool`], [`worker`]), GPU
//! jobs in one WebGPU worker; where no worker can start (or WebGPU fails in a worker but works on
//! the page), they train in a [`Host`] on the page, stepped from the `requestAnimationFrame` loop
//! within a frame budget.
//! Either way panels see only mirrors, and `window.trainlab` reads them ([`probes`]). The app starts
//! it; panels use it through the kit. It sits below the components, the kit and the panels, and
//! imports none of them: the function that builds jobs from descriptions is handed in
//! ([`Runtime::set_spawn`]).
//!
//! It lives in a thread-local so that `window.trainlab` (called from outside any reactive scope)
//! and every panel reach the same runtime.

use crate::engine::backend::{self, BackendInfo, BackendKind};
use crate::engine::host::{pool_size, Host};
use crate::engine::mirror::Mirror;
use crate::engine::protocol::{ToHost, ToMain};
use crate::engine::spec::{JobSpec, Spawn};
use crate::state::web::now_ms;
pub use adapter::start_backend;
mod adapter;
pub mod pool;
pub mod probes;
mod report;
mod test_hooks;
pub mod wire_js;
pub mod worker;

use burn::tensor::Device;
use leptos::prelude::*;
use pool::{Event, Pool};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Training time per animation frame for jobs on the page's own thread (the rest is for drawing).
pub const FRAME_BUDGET_MS: f64 = 8.0;
/// UI refreshes at most this often.
const TICK_MS: f64 = 80.0;

/// Where a job trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// On the page's own thread.
    Page,
    /// In worker `n` of the pool.
    Worker(usize),
}

/// Everything the page's training shares.
pub struct Runtime {
    device: RefCell<Device>,
    /// The backend in use; `None` while WebGPU is being probed.
    pub backend: RwSignal<Option<BackendInfo>>,
    /// Bumped (at most every 80 ms) after results arrive; panels redraw on it.
    pub tick: RwSignal<u64>,
    dirty: Cell<bool>,
    last_tick: Cell<f64>,
    /// A tick is scheduled and has not run yet.
    tick_pending: Cell<bool>,
    /// The timer of the last tick scheduled (dropping a fired one frees its closure).
    tick_timer: RefCell<Option<gloo::timers::callback::Timeout>>,
    spawn: Cell<Option<Spawn>>,
    page: RefCell<Option<Host>>,
    page_inbox: RefCell<Vec<ToHost>>,
    page_slice: Cell<u64>,
    pool: RefCell<Option<Pool>>,
    routes: RefCell<BTreeMap<u64, Route>>,
    mirrors: RefCell<BTreeMap<u64, Weak<RefCell<Mirror>>>>,
    next_id: Cell<u64>,
    /// Why jobs train on the page's thread instead of in workers, once that is decided.
    pub workers_off: RefCell<Option<String>>,
    /// Why GPU jobs train on the page's thread: WebGPU failed in a worker (it worked on the page).
    pub gpu_workers_off: RefCell<Option<String>>,
    /// Whether the browser tab is hidden (every host, including ones started later, is told).
    tab_hidden: Cell<bool>,
}

thread_local! {
    static RUNTIME: Rc<Runtime> = Rc::new(Runtime {
        device: RefCell::new(backend::cpu_device()),
        backend: RwSignal::new(None),
        tick: RwSignal::new(0),
        dirty: Cell::new(false),
        last_tick: Cell::new(0.0),
        tick_pending: Cell::new(false),
        tick_timer: RefCell::new(None),
        spawn: Cell::new(None),
        page: RefCell::new(None),
        page_inbox: RefCell::new(Vec::new()),
        page_slice: Cell::new(256),
        pool: RefCell::new(None),
        routes: RefCell::new(BTreeMap::new()),
        mirrors: RefCell::new(BTreeMap::new()),
        next_id: Cell::new(1),
        workers_off: RefCell::new(None),
        gpu_workers_off: RefCell::new(None),
        tab_hidden: Cell::new(false),
    });
}

/// The page's runtime.
pub fn runtime() -> Rc<Runtime> {
    RUNTIME.with(Rc::clone)
}

impl Runtime {
    /// Hands in the function that builds jobs from descriptions (the panels' registry).
    pub fn set_spawn(&self, spawn: Spawn) {
        self.spawn.set(Some(spawn));
    }

    /// The device jobs on the page's own thread train on.
    pub fn device(&self) -> Device {
        self.device.borrow().clone()
    }

    /// Starts a job from its description, playing at once when `play` is set; returns the page's
    /// mirror of it. Dropping the mirror ends the job.
    pub fn submit(&self, spec: JobSpec, play: bool) -> Rc<RefCell<Mirror>> {
        let id = self.next_id.replace(self.next_id.get() + 1);
        let m = Rc::new(RefCell::new(Mirror::new(id, spec, Rc::new(|msg| runtime().send(msg)))));
        self.mirrors.borrow_mut().insert(id, Rc::downgrade(&m));
        m.borrow_mut().submit(play);
        m
    }

    /// Routes a mirror's message to the job's host; a `Submit` first places the job.
    pub fn send(&self, msg: ToHost) {
        let Some(job) = msg.job() else { return };
        if matches!(msg, ToHost::Submit { .. }) {
            let route = self.place(job);
            self.routes.borrow_mut().insert(job, route);
        }
        let route = self.routes.borrow().get(&job).copied();
        if matches!(msg, ToHost::Drop { .. }) {
            self.routes.borrow_mut().remove(&job);
            self.mirrors.borrow_mut().remove(&job);
        }
        match route {
            Some(Route::Worker(i)) => {
                if let Some(p) = self.pool.borrow_mut().as_mut() {
                    p.send(i, msg);
                }
            }
            Some(Route::Page) => self.page_inbox.borrow_mut().push(msg),
            None => {}
        }
    }

    /// Where a new job trains: a worker, unless workers are off or the backend is WebGPU.
    fn place(&self, job: u64) -> Route {
        let gpu = self.backend.get_untracked().map(|b| b.kind) == Some(BackendKind::WebGpu);
        if self.workers_off.borrow().is_some() || (gpu && self.gpu_workers_off.borrow().is_some()) {
            return Route::Page;
        }
        let mut pool = self.pool.borrow_mut();
        let pool = pool.get_or_insert_with(|| Pool::new(page_pool_size(), Rc::new(|e| runtime().on_pool_event(e))));
        match pool.place(job, gpu) {
            Ok(i) => {
                // A worker started while the tab is hidden must not train either.
                if self.tab_hidden.get() {
                    pool.send(i, ToHost::Tab { hidden: true });
                }
                Route::Worker(i)
            }
            Err(why) => {
                self.workers_off.replace(Some(format!("Web Workers cannot start here ({why})")));
                self.note_main_thread();
                Route::Page
            }
        }
    }

    fn mirror(&self, job: u64) -> Option<Rc<RefCell<Mirror>>> {
        self.mirrors.borrow().get(&job).and_then(Weak::upgrade)
    }

    fn deliver(&self, msg: ToMain) {
        match msg {
            ToMain::Update(u) => {
                if let (Some(Route::Worker(i)), Some(p)) =
                    (self.routes.borrow().get(&u.job).copied(), self.pool.borrow_mut().as_mut())
                {
                    if let Some(s) = p.slots.get_mut(i) {
                        s.steps = u.host_steps;
                        s.mem_bytes = u.host_memory.max(s.mem_bytes);
                    }
                }
                if let Some(m) = self.mirror(u.job) {
                    m.borrow_mut().apply(u);
                }
            }
            ToMain::Failed { job, message } => {
                // The host holds no job now: forget where it was, so that Reset places it afresh.
                self.forget_route(job);
                if let Some(m) = self.mirror(job) {
                    m.borrow_mut().fail(format!("Training could not start: {message}."));
                }
            }
        }
        self.dirty.set(true);
    }

    /// Forgets where `job` trains (its host no longer holds it).
    fn forget_route(&self, job: u64) {
        if let Some(Route::Worker(i)) = self.routes.borrow_mut().remove(&job) {
            if let Some(s) = self.pool.borrow_mut().as_mut().and_then(|p| p.slots.get_mut(i)) {
                s.jobs.remove(&job);
            }
        }
    }

    fn on_pool_event(&self, e: Event) {
        match e {
            Event::Msg(msg) => self.deliver(msg),
            Event::Ready { index, gpu_error: Some(why), .. } => self.gpu_worker_failed(index, why),
            Event::Ready { index, mem_bytes, ms, gpu_error: None } => {
                if let Some(p) = self.pool.borrow_mut().as_mut() {
                    p.ready(index, mem_bytes, ms);
                }
            }
            Event::DeviceLost { index, why } => {
                // The panels rebuild their jobs on the CPU; the GPU worker has nothing left to do.
                let _ = self.pool.borrow_mut().as_mut().and_then(|p| p.fail(index));
                self.fall_back_to_cpu(&format!("The GPU stopped answering ({why})."));
            }
            Event::Failed { index, why } => self.worker_failed(index, why),
        }
    }

    /// A worker failed: if none ever started, workers are off for this page and its jobs move to
    /// the page's thread; otherwise its jobs stop with the reason, and Reset starts them again on
    /// a new worker.
    fn worker_failed(&self, index: usize, why: String) {
        web_sys::console::warn_1(&format!("Trainlab: a Web Worker failed: {why}").into());
        let failed = self.pool.borrow_mut().as_mut().and_then(|p| p.fail(index).map(|r| (r, p.any_ready())));
        let Some(((was_ready, jobs), any_ready)) = failed else { return };
        if !was_ready && !any_ready {
            self.workers_off.replace(Some(format!("Web Workers could not start ({why})")));
            self.note_main_thread();
        }
        for job in jobs {
            self.routes.borrow_mut().remove(&job);
            let Some(m) = self.mirror(job) else { continue };
            // Jobs on a worker that never started never ran: place them again.
            if !was_ready {
                m.borrow_mut().resubmit();
            } else {
                m.borrow_mut()
                    .fail(format!("Training stopped: its Web Worker failed ({why}). Press Reset to start again."));
            }
        }
        self.dirty.set(true);
    }

    /// WebGPU failed in a worker although it works on the page: GPU jobs train on the page's thread
    /// from now on (the badge keeps saying WebGPU; `engine()` says where and why).
    fn gpu_worker_failed(&self, index: usize, why: String) {
        web_sys::console::warn_1(&format!("Trainlab: WebGPU failed in a Web Worker: {why}").into());
        self.gpu_workers_off.replace(Some(format!("WebGPU failed in a Web Worker ({why})")));
        let failed = self.pool.borrow_mut().as_mut().and_then(|p| p.fail(index));
        for job in failed.map(|f| f.1).unwrap_or_default() {
            self.routes.borrow_mut().remove(&job);
            if let Some(m) = self.mirror(job) {
                m.borrow_mut().resubmit();
            }
        }
    }

    /// Says in the backend badge that training runs on the page's thread, and why.
    fn note_main_thread(&self) {
        let Some(why) = self.workers_off.borrow().clone() else { return };
        self.backend.update(|b| {
            if let Some(b) = b {
                b.notice =
                    Some(format!("{why}: training runs on this page's main thread, which may make it less smooth."));
            }
        });
    }

    /// Runs jobs on the page's thread for one frame, and refreshes the views when results came in.
    fn frame(self: &Rc<Self>) {
        self.page_frame();
        let now = now_ms();
        if self.dirty.get() && now - self.last_tick.get() >= TICK_MS {
            self.dirty.set(false);
            self.last_tick.set(now);
            // Redraw in a task of its own, so that a training slice and a chart redraw never add
            // up to one long main-thread task.
            // One timer at a time, kept until the next replaces it: a forgotten one would keep its
            // closure for the page's lifetime, one per tick.
            if !self.tick_pending.replace(true) {
                let tick = self.tick;
                let timer = gloo::timers::callback::Timeout::new(0, move || {
                    runtime().tick_pending.set(false);
                    tick.update(|t| *t += 1);
                });
                self.tick_timer.replace(Some(timer));
            }
        }
    }

    fn page_frame(self: &Rc<Self>) {
        let Some(spawn) = self.spawn.get() else { return };
        let inbox = std::mem::take(&mut *self.page_inbox.borrow_mut());
        let mut page = self.page.borrow_mut();
        if page.is_none() && !inbox.is_empty() {
            let mut host = Host::new(spawn, self.device());
            host.set_max_steps_per_slice(self.page_slice.get());
            host.handle(ToHost::Tab { hidden: self.tab_hidden.get() });
            *page = Some(host);
        }
        let Some(host) = page.as_mut() else { return };
        inbox.into_iter().for_each(|m| host.handle(m));
        for rb in host.frame(FRAME_BUDGET_MS, &now_ms) {
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
        let (msgs, _) = host.updates(now_ms());
        drop(page);
        msgs.into_iter().for_each(|m| self.deliver(m));
    }

    /// Switches every future job to the CPU with a visible notice. Panels watch `backend` and
    /// rebuild their jobs, so nothing but the run in progress is lost.
    pub fn fall_back_to_cpu(&self, why: &str) {
        if self.backend.get_untracked().map(|b| b.kind) == Some(BackendKind::Cpu) {
            return;
        }
        *self.device.borrow_mut() = backend::cpu_device();
        self.page_slice.set(256);
        self.page.replace(None);
        self.backend.set(Some(BackendInfo::cpu(Some(format!("{why} Training continues on the CPU.")))));
    }

    /// Tells every host whether the tab is hidden (a hidden tab trains nothing).
    pub fn set_tab_hidden(&self, hidden: bool) {
        self.tab_hidden.set(hidden);
        if let Some(p) = self.pool.borrow_mut().as_mut() {
            p.broadcast(&ToHost::Tab { hidden });
        }
        if let Some(host) = self.page.borrow_mut().as_mut() {
            host.handle(ToHost::Tab { hidden });
        }
    }
}

/// The pool's size for this page (see [`pool_size`]): `?workers=N`, or the browser's core count.
fn page_pool_size() -> usize {
    let q = crate::state::web::current_query();
    let asked = q.get("workers").and_then(|v| v.parse::<usize>().ok());
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency()) as usize;
    pool_size(asked, cores)
}

/// Starts the animation-frame loop and the tab-visibility listener. Call once.
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
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        runtime().tab_hidden.set(doc.hidden());
        let d = doc.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || runtime().set_tab_hidden(d.hidden()));
        let _ = doc.add_event_listener_with_callback("visibilitychange", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
}
