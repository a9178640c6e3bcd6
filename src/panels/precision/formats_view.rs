//! Panel 06's first section: a number the reader types, drawn in fp32, fp16 and bf16 bit by bit
//! (sign, exponent, mantissa), with its nearest value in each format, the gap to the next value,
//! and each format's range on one log₂ axis.

use super::formats::{fields, Format, ALL};
use super::params::{PrecisionParams, X};
use crate::kit::run::PanelRun;
use leptos::prelude::*;

/// Left and right ends of the range axis, as powers of two.
const AXIS: (f64, f64) = (-150.0, 130.0);

/// `v` written out in full where that is short, in scientific notation where it is not.
pub fn exact(v: f32) -> String {
    let a = v.abs();
    if v.is_infinite() {
        if v > 0.0 { "+∞" } else { "−∞" }.into()
    } else if a == 0.0 || (1e-4..1e7).contains(&a) {
        // The shortest decimal that reads back as the same f64; the f32 value converts to f64
        // exactly, so these digits pin it down.
        format!("{}", f64::from(v))
    } else {
        format!("{:e}", f64::from(v))
    }
}

/// Position of 2^e on the axis, in percent.
fn at(e: f64) -> f64 {
    100.0 * ((e - AXIS.0) / (AXIS.1 - AXIS.0)).clamp(0.0, 1.0)
}

/// One format's bits as coloured cells, most significant first.
fn bit_cells(f: Format, bits: u32) -> impl IntoView {
    let (m, e) = (f.mantissa_bits(), f.exponent_bits());
    let (s, ev, mv) = fields(f, bits);
    let cell = |class: &'static str, bit: u32| view! { <span class=class>{bit}</span> };
    let exp: Vec<_> = (0..e).rev().map(|i| cell("bit-e", ev >> i & 1)).collect();
    let man: Vec<_> = (0..m).rev().map(|i| cell("bit-m", mv >> i & 1)).collect();
    view! {
        <span class="bits" aria-label=format!("{} bits: sign {s}, exponent {ev:0e$b}, mantissa {mv:0m$b}", f.name(), e = e as usize, m = m as usize)>
            {cell("bit-s", s)}{exp}{man}
        </span>
    }
}

/// The section.
pub fn formats(run: PanelRun<PrecisionParams>) -> AnyView {
    let x = move || run.params.with(|p| p.x);
    // The URL's own parser: clamped to ±X_LIMIT, and anything that is not a number leaves x as it was.
    let on_change = move |ev: leptos::ev::Event| {
        let raw = event_target_value(&ev);
        run.set(move |p| (X.read)(p, &raw, &mut Vec::new()));
    };
    let rows = move || {
        let x = x();
        ALL.iter()
            .map(|&f| {
                let enc = f.encode(x as f32);
                // Against the number as typed (an f64), so that fp32's own rounding shows too.
                let err = if x != 0.0 { ((f64::from(enc.value) - x) / x).abs() } else { 0.0 };
                view! {
                    <tr data-format=f.name()>
                        <th scope="row">{f.name()}</th>
                        <td>{bit_cells(f, enc.bits)}</td>
                        <td data-readout=format!("value_{}", f.name())>{exact(enc.value)}</td>
                        <td data-readout=format!("gap_{}", f.name())>{format!("{:.3e}", enc.gap)}</td>
                        <td data-readout=format!("error_{}", f.name())>{format!("{:.1e}", err)}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
    };
    let ranges = move || {
        let xe = f64::from(x().abs() as f32).log2();
        ALL.iter()
            .map(|&f| {
                let (sub, norm, max) = (f.min_subnormal(), f.min_normal(), f.max());
                let (ls, ln, lm) = (f64::from(sub).log2(), f64::from(norm).log2(), f64::from(max).log2());
                let sub_style = format!("left:{:.2}%;width:{:.2}%", at(ls), at(ln) - at(ls));
                let norm_style = format!("left:{:.2}%;width:{:.2}%", at(ln), at(lm) - at(ln));
                let mark = xe.is_finite().then(|| view! { <span class="mark" style=format!("left:{:.2}%", at(xe))></span> });
                view! {
                    <tr data-range=f.name()>
                        <th scope="row">{f.name()}</th>
                        <td class="range-cell"><div class="range-track" role="img" aria-label=format!("{}: subnormals from 2^{ls:.0}, normal numbers from 2^{ln:.0} to {}", f.name(), exact(max))>
                            <span class="sub" style=sub_style></span><span class="normal" style=norm_style></span>{mark}
                        </div></td>
                        <td>{exact(max)}</td><td>{format!("{:.2e} (2^{ln:.0})", norm)}</td><td>{format!("{:.2e} (2^{ls:.0})", sub)}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
    };
    let ticks = [-120.0, -60.0, 0.0, 60.0, 120.0]
        .map(|e: f64| view! { <span class="tick" style=format!("left:{:.2}%", at(e))>{format!("2^{e}")}</span> });
    view! {
        <section class="subpanel" aria-label="Float formats">
            <h3>"Three formats, bit by bit"</h3>
            <label class="number-input">"A number: "
                <input type="text" inputmode="decimal" prop:value=move || x().to_string() on:change=on_change aria-label="Number to show in each format" />
            </label>
            <div class="table-wrap">
                <table class="formats">
                    <thead><tr><th>"format"</th><th>"bits: "<span class="bit-s">"sign"</span>" "<span class="bit-e">"exponent"</span>" "<span class="bit-m">"mantissa"</span></th><th>"nearest value"</th><th>"gap to the next"</th><th>"relative error"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="table-wrap">
                <table class="formats ranges">
                    <thead><tr><th>"format"</th><th>"range on a log₂ axis (pale: subnormals; the line: your number)"</th><th>"largest"</th><th>"smallest normal"</th><th>"smallest subnormal"</th></tr></thead>
                    <tbody>{ranges}</tbody>
                    <tfoot><tr><td></td><td class="range-cell"><div class="range-ticks">{ticks}</div></td><td colspan="3"></td></tr></tfoot>
                </table>
            </div>
        </section>
    }
    .into_any()
}
