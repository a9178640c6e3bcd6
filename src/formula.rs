//! LaTeX → MathML with the pure-Rust `latex2mathml` crate; browsers render MathML natively, so no
//! JavaScript maths library is loaded.

/// Renders `latex` as a display-style (`block`) or inline MathML string. On a LaTeX error the
/// source is shown as code instead, escaped, never latex2mathml's "[PARSE ERROR …]" text.
pub fn mathml(latex: &str, block: bool) -> String {
    let style = if block { latex2mathml::DisplayStyle::Block } else { latex2mathml::DisplayStyle::Inline };
    match latex2mathml::latex_to_mathml(latex, style) {
        Ok(m) if !m.contains("PARSE ERROR") => tidy(&m),
        _ => {
            let escaped = latex.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            format!("<code>{escaped}</code>")
        }
    }
}

/// A minus sign, not a hyphen, for binary and unary minus; and brackets written plainly stay at
/// text height (browsers stretch a bare `<mo>(</mo>` to its row, so `σ'(a)` beside a fraction got
/// tall parentheses). Only `\left( … \right)` stretches.
fn tidy(m: &str) -> String {
    let mut m = m.replace("<mo>-</mo>", "<mo>−</mo>");
    for b in ["(", ")", "[", "]", "|"] {
        m = m.replace(&format!("<mo>{b}</mo>"), &format!("<mo stretchy=\"false\">{b}</mo>"));
    }
    m
}

/// Why `latex` does not render, if it does not: the converter's error, or the "[PARSE ERROR …]"
/// it wrote into its output for a command it lacks.
pub fn parse_error(latex: &str) -> Option<String> {
    match latex2mathml::latex_to_mathml(latex, latex2mathml::DisplayStyle::Block) {
        Err(e) => Some(format!("{e:?}")),
        Ok(m) => m.find("PARSE ERROR").map(|i| m[i..].chars().take(120).collect()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_math_elements() {
        let m = super::mathml(r"\theta \leftarrow \theta - \eta \nabla_\theta L", true);
        assert!(m.starts_with("<math"));
        assert!(m.contains("<mi>θ</mi>") || m.contains("θ"));
        assert!(m.contains("<mo>−</mo>") && !m.contains("<mo>-</mo>"), "a minus sign: {m}");
    }

    #[test]
    fn only_left_right_brackets_stretch() {
        let m = super::mathml(r"W^\top \left( \frac{a}{b} \odot \sigma'(a) \right)", true);
        assert_eq!(m.matches(r#"<mo stretchy="false">(</mo>"#).count(), 1, "{m}");
        assert_eq!(m.matches(r#"<mo stretchy="true" form="prefix">(</mo>"#).count(), 1, "{m}");
        assert!(!m.contains("<mo>(</mo>"), "{m}");
    }
}
