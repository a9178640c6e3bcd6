//! `window.trainlabBench`: the reference workloads (W1–W3, `engine::workloads`) timed in this
//! browser, for any outside harness (the bench command, a reader's console):
//!
//! `await trainlabBench.run({workload: "grok-mlp", backend: "cpu" | "webgpu", steps: 50, warmup: 5})`
//! → `{workload, backend, stepsPerSec, finalLoss, steps}`.
//!
//! Every step reads its loss back (asynchronously) before the next one starts: the synchronous
//! worst case, the same for both engines. (Panels read back once per slice of steps.)
//! `"webgpu"` uses the page's WebGPU device, so open the page with `?backend=gpu`; the promise is
//! rejected with a message when that device is not in use.

use super::runtime::runtime;
use crate::engine::backend::{cpu_device, BackendKind};
use crate::engine::workloads::{build, WorkloadId};
use crate::state::web::now_ms;
use burn::tensor::{Device, Tensor};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

async fn sleep_ms(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

async fn read(loss: Tensor<1>) -> Result<f32, JsValue> {
    let data = loss.into_data_async().await.map_err(|e| JsValue::from_str(&format!("readback failed: {e:?}")))?;
    let first = data.iter::<f32>().next();
    Ok(first.unwrap_or(f32::NAN))
}

/// The device for `backend`, waiting (up to a minute) for the page's backend to be chosen.
async fn device(backend: &str) -> Result<Device, JsValue> {
    match backend {
        "cpu" => Ok(cpu_device()),
        "webgpu" => {
            let start = now_ms();
            while runtime().backend.get_untracked().is_none() && now_ms() - start < 60_000.0 {
                sleep_ms(50).await;
            }
            match runtime().backend.get_untracked().map(|b| b.kind) {
                Some(BackendKind::WebGpu) => Ok(runtime().device()),
                other => Err(JsValue::from_str(&format!(
                    "WebGPU is not in use on this page (backend: {}); open it with ?backend=gpu in a browser with WebGPU",
                    other.map(|k| k.name()).unwrap_or("not chosen yet")
                ))),
            }
        }
        other => Err(JsValue::from_str(&format!("backend must be \"cpu\" or \"webgpu\", not {other:?}"))),
    }
}

fn get(opts: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(opts, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn set(obj: &js_sys::Object, key: &str, value: JsValue) {
    let _ = js_sys::Reflect::set(obj, &key.into(), &value);
}

async fn run(opts: JsValue) -> Result<JsValue, JsValue> {
    let key = get(&opts, "workload").as_string().unwrap_or_default();
    let id = WorkloadId::from_key(&key).ok_or_else(|| {
        let names: Vec<&str> = WorkloadId::ALL.iter().map(|w| w.key()).collect();
        JsValue::from_str(&format!("workload must be one of {names:?}, not {key:?}"))
    })?;
    let backend = get(&opts, "backend").as_string().unwrap_or_else(|| "cpu".into());
    let count =
        |k: &str, default: f64| get(&opts, k).as_f64().filter(|v| v.is_finite()).unwrap_or(default).clamp(0.0, 1e6);
    let (steps, warmup) = (count("steps", 50.0).max(1.0) as usize, count("warmup", 5.0) as usize);
    let device = device(&backend).await?;
    let mut w = build(id, 0, &device);
    for _ in 0..warmup {
        read(w.step()).await?;
    }
    let t0 = now_ms();
    let mut loss = f32::NAN;
    for _ in 0..steps {
        loss = read(w.step()).await?;
    }
    let seconds = ((now_ms() - t0) / 1000.0).max(1e-9);
    let out = js_sys::Object::new();
    set(&out, "workload", id.key().into());
    set(&out, "backend", backend.into());
    set(&out, "stepsPerSec", (steps as f64 / seconds).into());
    set(&out, "finalLoss", f64::from(loss).into());
    set(&out, "steps", (steps as f64).into());
    Ok(out.into())
}

/// Installs `window.trainlabBench`. Call once at start-up.
pub fn install() {
    let Some(window) = web_sys::window() else { return };
    let api = js_sys::Object::new();
    let run = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(|opts: JsValue| {
        wasm_bindgen_futures::future_to_promise(run(opts))
    });
    let names = js_sys::Array::new();
    for w in WorkloadId::ALL {
        names.push(&w.key().into());
    }
    set(&api, "run", run.as_ref().clone());
    set(&api, "workloads", names.into());
    set(&window, "trainlabBench", api.into());
    run.forget();
}
