//! A [`Packet`] as the browser posts it: `{h: header, f: [Float32Array…], d: [Float64Array…]}`,
//! with the arrays' buffers in the transfer list, so bulk data is moved, not copied or printed.

use crate::engine::wire::Packet;
use js_sys::{Array, Float32Array, Float64Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The message object and its transfer list.
pub fn to_js(p: &Packet) -> (JsValue, Array) {
    let obj = Object::new();
    let transfer = Array::new();
    let f = Array::new();
    for v in &p.f32 {
        let a = Float32Array::from(&v[..]);
        transfer.push(&a.buffer());
        f.push(&a);
    }
    let d = Array::new();
    for v in &p.f64 {
        let a = Float64Array::from(&v[..]);
        transfer.push(&a.buffer());
        d.push(&a);
    }
    let _ = Reflect::set(&obj, &"h".into(), &p.head.as_str().into());
    let _ = Reflect::set(&obj, &"f".into(), &f);
    let _ = Reflect::set(&obj, &"d".into(), &d);
    (obj.into(), transfer)
}

/// Reads a posted packet back; `None` for anything else (a bootstrap message, say).
pub fn from_js(v: &JsValue) -> Option<Packet> {
    let head = Reflect::get(v, &"h".into()).ok()?.as_string()?;
    let list = |k: &str| Reflect::get(v, &k.into()).ok().and_then(|a| a.dyn_into::<Array>().ok());
    let f32 =
        list("f").map(|a| a.iter().filter_map(|x| x.dyn_into::<Float32Array>().ok()).map(|x| x.to_vec()).collect());
    let f64 =
        list("d").map(|a| a.iter().filter_map(|x| x.dyn_into::<Float64Array>().ok()).map(|x| x.to_vec()).collect());
    Some(Packet { head, f32: f32.unwrap_or_default(), f64: f64.unwrap_or_default() })
}
