//! Choosing the backend at start-up: probe WebGPU's adapter, apply the engine's policy
//! ([`backend::decide`]), start the GPU device on the page when chosen (its self-check, and the
//! device for GPU jobs that cannot train in a worker), and publish the result for the badge.

use super::runtime;
use crate::engine::backend::{self, AdapterProbe, BackendInfo, BackendKind, Decision, Preference};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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
                // A page host made before the choice holds the CPU device: start afresh.
                rt.page.replace(None);
                // GPU steps are enqueued faster than they run; keep slices short.
                rt.page_slice.set(8);
                let p = probe.unwrap_or(AdapterProbe { description: "unknown".into(), is_fallback: false });
                BackendInfo { kind: BackendKind::WebGpu, adapter: p.description, fallback: p.is_fallback, notice: None }
            }
            Err(e) => BackendInfo::cpu(Some(format!("WebGPU failed to start ({e}); training runs on the CPU."))),
        },
    };
    rt.backend.set(Some(info));
}
