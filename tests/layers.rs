//! The house's layering, checked: each top-level module of `src/` imports only from modules below
//! it (the order in `src/lib.rs`), and no panel imports another panel (shared models and data
//! belong in the engine). Comments are not read, so doc links do not count.

use std::fs;
mod common;

use common::rust_files;
use std::path::Path;

/// Bottom to top; a module may use its own rank or lower.
const RANKS: [(&str, u8); 9] = [
    ("engine", 0),
    ("formula", 0),
    ("plot", 0),
    ("state", 1),
    ("runtime", 2),
    ("components", 3),
    ("kit", 4),
    ("panels", 5),
    ("app", 6),
];

fn rank(module: &str) -> Option<u8> {
    RANKS.iter().find(|(m, _)| *m == module).map(|&(_, r)| r)
}

/// The code of a file with `//` comments (and doc comments) removed, line by line.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap_or("")))
        .filter(|(_, l)| !l.trim().is_empty())
}

/// Every `crate::<name>` on a line.
fn crate_refs(line: &str) -> Vec<&str> {
    line.match_indices("crate::")
        .map(|(i, _)| {
            let rest = &line[i + "crate::".len()..];
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

fn violations() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut bad = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let parts: Vec<&str> = rel.split('/').collect();
        let own = parts[0].trim_end_matches(".rs");
        let Some(own_rank) = rank(own) else { continue }; // lib.rs
        let own_panel = (own == "panels" && parts.len() > 2).then(|| parts[1]);
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in code_lines(&text) {
            for target in crate_refs(line) {
                match rank(target) {
                    Some(r) if r > own_rank => bad.push(format!("{rel}:{n}: {own} imports {target}, above it")),
                    _ => {}
                }
            }
            if let Some(me) = own_panel {
                let other = line.match_indices("crate::panels::").find_map(|(i, _)| {
                    let rest = &line[i + "crate::panels::".len()..];
                    let name = rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("");
                    (src.join("panels").join(name).is_dir() && name != me).then(|| name.to_string())
                });
                if let Some(other) = other {
                    bad.push(format!("{rel}:{n}: panel {me} imports panel {other}"));
                }
                if line.contains("super::super::") {
                    bad.push(format!("{rel}:{n}: panel {me} reaches above its own module (super::super)"));
                }
            }
        }
    }
    bad
}

#[test]
fn no_module_imports_one_above_it_and_no_panel_imports_another() {
    let bad = violations();
    assert!(bad.is_empty(), "layering broken:\n{}", bad.join("\n"));
}

#[test]
fn the_checker_sees_an_upward_import() {
    assert_eq!(crate_refs("use crate::app::runtime; let k = crate::kit::x;"), vec!["app", "kit"]);
    let code: Vec<&str> =
        code_lines("/// [`x`](crate::app)\nuse crate::engine::job; // crate::app\n").map(|(_, l)| l).collect();
    assert_eq!(code.iter().flat_map(|l| crate_refs(l)).collect::<Vec<_>>(), vec!["engine"]);
}
