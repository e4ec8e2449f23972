//! The library's structure: modules depend on each other in one direction only, at
//! the level of folders (layers) and of files; no file is too long to read and no
//! function too long to follow.
//!
//! A file's module depends on another when it names it: `crate::a::b::Item`,
//! `super::x`, a `use child::…` of a module's own child, or one level of braces
//! (`crate::a::{b::X, c}`). A path is taken to the deepest module it names. Test
//! modules (`#[cfg(test)] mod …` at the end of a file) are left out.

use crate::common::root;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a library source file may be, in lines.
const MAX_FILE_LINES: usize = 600;
/// The longest a function may be, in lines (outside tests).
const MAX_FN_LINES: usize = 80;

type Module = Vec<String>;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every source file of the library (the binary's package in src/cli is on top of
/// everything and checked for length only), by module path.
fn library() -> BTreeMap<Module, (PathBuf, String)> {
    let src = root().join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut mods = BTreeMap::new();
    for f in all {
        let rel = f.strip_prefix(&src).unwrap().with_extension("");
        let mut m: Module = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if m[0] == "cli" {
            continue;
        }
        if m.last().is_some_and(|l| l == "mod" || l == "lib") {
            m.pop();
        }
        let text = std::fs::read_to_string(&f).unwrap();
        mods.insert(m, (f, text));
    }
    mods
}

/// The text without its trailing test module.
fn without_tests(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod ") {
        Some(i) => &text[..i],
        None => text,
    }
}

/// `X::{a::b, c as d, self}` → `X::a::b`, `X::c`, `X` (one level of braces).
fn expand_braces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("::{") {
        let head_start = text[..i]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .map_or(0, |j| j + 1);
        let head = &text[head_start..i];
        let Some(close) = text[i + 3..].find(['}', '{']) else {
            continue;
        };
        for item in text[i + 3..i + 3 + close].split(',') {
            let item = item.split(" as ").next().unwrap_or_default().trim();
            match item {
                "" => {}
                "self" => out.push(head.to_string()),
                _ => out.push(format!("{head}::{item}")),
            }
        }
    }
    out
}

/// Paths as written: runs of `word::word…` starting at `start`.
fn paths_after<'a>(text: &'a str, start: &str) -> Vec<Vec<&'a str>> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices(start) {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &text[i..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        out.push(rest[..end].split("::").filter(|s| !s.is_empty()).collect());
    }
    out
}

fn deepest(mods: &BTreeMap<Module, (PathBuf, String)>, path: &[String]) -> Option<Module> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| mods.contains_key(m))
}

/// Module → the modules it names.
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let mods = library();
    let mut g = BTreeMap::new();
    for (m, (_, text)) in &mods {
        let body = without_tests(text);
        let expanded = format!("{body}\n{}", expand_braces(body).join("\n"));
        let mut deps = BTreeSet::new();
        for p in paths_after(&expanded, "crate::") {
            let path: Vec<String> = p[1..].iter().map(|s| s.to_string()).collect();
            deps.extend(deepest(&mods, &path));
        }
        for p in paths_after(&expanded, "super::") {
            let ups = p.iter().take_while(|s| **s == "super").count();
            // `super` is the parent module, for `a/b.rs` (module a::b) as for `a/mod.rs`.
            let mut path: Vec<String> = m[..m.len().saturating_sub(ups)].to_vec();
            path.extend(p[ups..].iter().map(|s| s.to_string()));
            deps.extend(deepest(&mods, &path));
        }
        // `use child::…` in a module naming one of its own children.
        for line in body.lines() {
            let l = line.trim_start();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            let l = l.strip_prefix("pub(crate) ").unwrap_or(l);
            if let Some(u) = l.strip_prefix("use ") {
                let first = u.split("::").next().unwrap_or_default();
                let mut child = m.clone();
                child.push(first.to_string());
                if mods.contains_key(&child) {
                    deps.insert(child);
                }
            }
        }
        deps.remove(m);
        deps.remove(&Vec::new());
        g.insert(m.clone(), deps);
    }
    g
}

/// A cycle in a graph, if any (depth-first search with colours).
fn find_cycle<N: Ord + Clone>(g: &BTreeMap<N, BTreeSet<N>>) -> Option<Vec<N>> {
    fn visit<N: Ord + Clone>(
        n: &N,
        g: &BTreeMap<N, BTreeSet<N>>,
        state: &mut BTreeMap<N, u8>,
        path: &mut Vec<N>,
    ) -> Option<Vec<N>> {
        match state.get(n) {
            Some(1) => {
                let start = path.iter().position(|x| x == n).unwrap();
                let mut cycle = path[start..].to_vec();
                cycle.push(n.clone());
                return Some(cycle);
            }
            Some(2) => return None,
            _ => {}
        }
        state.insert(n.clone(), 1);
        path.push(n.clone());
        for d in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, g, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(n.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    g.keys()
        .find_map(|n| visit(n, g, &mut state, &mut Vec::new()))
}

/// The layers (top-level folders) and what each names.
fn layers() -> BTreeMap<String, BTreeSet<String>> {
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, deps) in graph() {
        let Some(layer) = m.first() else { continue };
        let entry = top.entry(layer.clone()).or_default();
        for d in deps {
            if let Some(l) = d.first().filter(|l| *l != layer) {
                entry.insert(l.clone());
            }
        }
    }
    top
}

#[test]
fn layers_form_no_cycle() {
    let cycle = find_cycle(&layers());
    assert!(
        cycle.is_none(),
        "layer cycle: {}",
        cycle.unwrap().join(" → ")
    );
}

#[test]
fn files_form_no_cycle() {
    let g = graph();
    assert!(
        g.len() > 50,
        "the graph sees the library's files ({})",
        g.len()
    );
    let cycle = find_cycle(&g);
    assert!(
        cycle.is_none(),
        "file-level import cycle: {}",
        cycle
            .unwrap()
            .iter()
            .map(|m| m.join("::"))
            .collect::<Vec<_>>()
            .join(" → ")
    );
}

#[test]
fn the_engine_and_analyses_do_not_depend_on_renderers() {
    for (layer, deps) in layers() {
        if layer != "render" {
            assert!(!deps.contains("render"), "{layer} depends on render");
        }
    }
}

/// Functions longer than [`MAX_FN_LINES`] in a rustfmt-formatted file: from a line
/// starting `fn`/`pub fn` to the closing brace at the same indentation.
fn long_functions(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = without_tests(text).lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let head = line.trim_start();
        let head = head
            .strip_prefix("pub(crate) ")
            .or_else(|| head.strip_prefix("pub(super) "))
            .or_else(|| head.strip_prefix("pub "))
            .unwrap_or(head);
        let head = head.strip_prefix("const ").unwrap_or(head);
        let Some(sig) = head.strip_prefix("fn ") else {
            continue;
        };
        if line.trim_end().ends_with(';') {
            continue;
        }
        let close = format!("{}}}", &line[..indent]);
        if let Some(len) = lines[i + 1..].iter().position(|l| *l == close) {
            let name: String = sig
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if len + 2 > MAX_FN_LINES {
                out.push((name, len + 2));
            }
        }
    }
    out
}

#[test]
fn no_file_or_function_is_too_long() {
    let mut all = Vec::new();
    files(&root().join("src"), &mut all);
    // (what, message): `what` is a file, or `file: fn name`.
    let mut problems: Vec<(String, String)> = Vec::new();
    for f in &all {
        let text = std::fs::read_to_string(f).unwrap();
        let rel = f.strip_prefix(root()).unwrap().display().to_string();
        let n = text.lines().count();
        if n > MAX_FILE_LINES {
            problems.push((rel.clone(), format!("{n} lines (at most {MAX_FILE_LINES})")));
        }
        for (name, len) in long_functions(&text) {
            let what = format!("{rel}: fn {name}");
            problems.push((what, format!("{len} lines (at most {MAX_FN_LINES})")));
        }
    }
    problems.sort();
    let found: Vec<String> = problems
        .iter()
        .map(|(what, msg)| format!("{what}: {msg}"))
        .collect();
    assert!(found.is_empty(), "too long:\n{}", found.join("\n"));
}

#[test]
fn long_functions_are_found() {
    let short = "fn a() {\n    x();\n}\n";
    assert!(long_functions(short).is_empty());
    let long = format!("pub fn b() {{\n{}}}\n", "    x();\n".repeat(90));
    assert_eq!(long_functions(&long), vec![("b".to_string(), 92)]);
}
