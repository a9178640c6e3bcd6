//! LaTeX → MathML with the pure-Rust `latex2mathml` crate; browsers render MathML natively, so no
//! JavaScript maths library is loaded.

/// Renders `latex` as a display-style (`block`) or inline MathML string. On a LaTeX error the
/// source is shown as code instead, escaped.
pub fn mathml(latex: &str, block: bool) -> String {
    let style = if block { latex2mathml::DisplayStyle::Block } else { latex2mathml::DisplayStyle::Inline };
    latex2mathml::latex_to_mathml(latex, style).unwrap_or_else(|_| {
        let escaped = latex.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        format!("<code>{escaped}</code>")
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_math_elements() {
        let m = super::mathml(r"\theta \leftarrow \theta - \eta \nabla_\theta L", true);
        assert!(m.starts_with("<math"));
        assert!(m.contains("<mi>θ</mi>") || m.contains("θ"));
    }
}
