//! Every formula on the site renders as MathML: each `tex=` literal in `src/` goes through the
//! converter the page uses, and none may come back with a parse error (latex2mathml writes
//! "[PARSE ERROR …]" into its output for a command it lacks, rather than failing). Every panel's
//! explanation (`src/panels/*/explain.rs`) shows at least one formula. Written over the files, so a
//! new panel's explanation is checked the moment it exists.

use std::fs;
mod common;

use common::rust_files;
use std::path::Path;
use trainlab::formula::{mathml, parse_error};

/// The LaTeX of every `tex=r"…"` or `tex=r#"…"#` in `text`.
fn formulas(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("tex=r") {
        rest = &rest[i + "tex=r".len()..];
        let hashes = rest.chars().take_while(|&c| c == '#').count();
        let open = format!("{}\"", "#".repeat(hashes));
        let close = format!("\"{}", "#".repeat(hashes));
        let Some(body) = rest.strip_prefix(&open) else { continue };
        let end = body.find(&close).expect("an unterminated raw string");
        out.push(body[..end].to_string());
        rest = &body[end..];
    }
    out
}

#[test]
fn every_formula_parses_and_every_explanation_has_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut bad = Vec::new();
    let mut total = 0;
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        let found = formulas(&text);
        let rel = file.strip_prefix(&src).unwrap().display().to_string();
        if rel.starts_with("panels/") && rel.ends_with("explain.rs") && found.is_empty() {
            bad.push(format!("{rel}: the explanation shows no formula"));
        }
        for tex in found {
            total += 1;
            if tex.chars().any(|c| c.is_control()) {
                bad.push(format!("{rel}: {tex:?} holds a control character (an escape in a non-raw string?)"));
            }
            for block in [true, false] {
                let m = mathml(&tex, block);
                if let Some(why) = parse_error(&tex) {
                    bad.push(format!("{rel}: {tex}\n    {why}"));
                } else if !m.starts_with("<math") || m.contains("PARSE ERROR") {
                    bad.push(format!("{rel}: {tex}\n    renders as {m}"));
                }
            }
        }
    }
    assert!(total >= 10, "only {total} formulas found: is the scanner broken?");
    assert!(bad.is_empty(), "{} formulas do not render:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn the_scanner_and_the_check_catch_a_bad_formula() {
    let text = r####"<Formula tex=r"a \ge b" /> <Formula tex=r#"\frac{1}{2"# />"####;
    assert_eq!(formulas(text), vec![r"a \ge b".to_string(), r"\frac{1}{2".to_string()]);
    assert!(parse_error(r"\frac{1}{2").is_some(), "an unbalanced brace is an error");
    assert!(parse_error(r"\theta - \eta \nabla L").is_none());
    assert!(mathml(r"\frac{1}{2", true).starts_with("<code>"), "an error shows the source, not [PARSE ERROR]");
}
