//! PNG and text alternatives for the charts drawn as SVG (bars, ridgelines): the picture is the
//! SVG with its computed styles written in, drawn onto a canvas at the screen's pixel ratio; the
//! text alternative is a hidden paragraph the SVG names with `aria-describedby`.

use super::next_id;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility'];
function styled(from, to) {
  const cs = getComputedStyle(from);
  to.setAttribute('style', PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';'));
}
function background(el) {
  for (let e = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
  }
  return '#ffffff';
}
export function trainlab_svg_png(svg, filename) {
  const clone = svg.cloneNode(true);
  styled(svg, clone);
  const from = svg.querySelectorAll('*');
  clone.querySelectorAll('*').forEach((e, i) => styled(from[i], e));
  const box = svg.getBoundingClientRect();
  const ratio = Math.min(3, Math.max(1, window.devicePixelRatio || 1));
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(box.width));
  clone.setAttribute('height', String(box.height));
  const text = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  const img = new Image();
  img.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(box.width * ratio);
    canvas.height = Math.round(box.height * ratio);
    const g = canvas.getContext('2d');
    g.fillStyle = background(svg);
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    URL.revokeObjectURL(url);
    const a = document.createElement('a');
    a.href = canvas.toDataURL('image/png');
    a.download = filename;
    a.click();
  };
  img.onerror = () => URL.revokeObjectURL(url);
  img.src = url;
}
"#)]
extern "C" {
    fn trainlab_svg_png(svg: &web_sys::Element, filename: &str);
}

/// What an SVG chart adds below its picture: its text alternative (the returned id is for the
/// SVG's `aria-describedby`) and a "Download PNG" button.
pub fn svg_tools(
    svg: NodeRef<leptos::svg::Svg>,
    filename: &'static str,
    summary: impl Fn() -> String + Send + Sync + 'static,
) -> (String, impl IntoView) {
    let id = next_id("svg-summary");
    let on_png = move |_| {
        if let Some(el) = svg.get_untracked() {
            trainlab_svg_png(&el, filename);
        }
    };
    let view = view! {
        <p class="chart-summary sr-only" id=id.clone() data-testid="chart-summary">{summary}</p>
        <div class="chart-tools">
            <button class="png" on:click=on_png>"Download PNG"</button>
        </div>
    };
    (id, view)
}
