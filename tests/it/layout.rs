//! The shape of the source tree, checked: no two source files import each other, directly
//! or through others (an import circle), and every file opens with a doc comment saying
//! what it owns. Paths are read from `use` lines and from `crate::`/`super::` paths in code;
//! a path through a module's `pub use` re-export is followed to the file that defines it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A source file and its module path: `["lib", "vault", "handle"]` or `["bin", "cli", "run"]`.
struct SourceFile {
    path: PathBuf,
    module: Vec<String>,
    text: String,
}

fn source_files() -> Vec<SourceFile> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel: Vec<String> = path
            .strip_prefix(&src)
            .unwrap()
            .with_extension("")
            .iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        let mut module = vec![if rel[0] == "main" || rel[0] == "cli" { "bin" } else { "lib" }.to_string()];
        module.extend(rel.into_iter().filter(|c| c != "main" && c != "lib" && c != "mod"));
        let text = std::fs::read_to_string(path).unwrap();
        files.push(SourceFile { path: path.to_path_buf(), module, text });
    }
    files
}

/// The code of a file without comments, string contents and its inline test module.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| {
            let line = line.split("//").next().unwrap();
            // Drop string literals so a path inside a message is not taken for an import.
            let mut out = String::new();
            for (n, part) in line.split('"').enumerate() {
                if n % 2 == 0 {
                    out.push_str(part);
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Expands one `use` tree (`a::{b, c::{d, self}}`) into full paths.
fn expand_use(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim_end_matches("::");
        let inner = &tree[open + 1..tree.rfind('}').unwrap()];
        let base = join(prefix, head);
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand_use(&base, &inner[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand_use(&base, &inner[start..], out);
    } else if !tree.is_empty() {
        let tree = tree.split(" as ").next().unwrap().trim();
        if tree == "self" {
            out.push(prefix.to_string());
        } else {
            out.push(join(prefix, tree));
        }
    }
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}::{b}"),
    }
}

/// Every path a file names: `(is_reexport, path)`.
fn paths_of(code: &str) -> Vec<(bool, String)> {
    let mut paths = Vec::new();
    let mut rest = code;
    // The code with its `use` statements cut out, for the inline scan below.
    let mut inline = String::new();
    while let Some(at) = rest.find("use ") {
        let before = &rest[..at];
        let is_use = before.is_empty() || before.ends_with('\n') || before.ends_with(' ') || before.ends_with('\t');
        let end = rest[at..].find(';').map_or(rest.len(), |e| at + e);
        if is_use {
            let reexport = before.trim_end_matches([' ', '\t']).ends_with("pub")
                || before.trim_end().ends_with("pub(crate)")
                || before.trim_end().ends_with("pub(super)");
            let mut expanded = Vec::new();
            expand_use("", &rest[at + 4..end].replace('\n', " "), &mut expanded);
            paths.extend(expanded.into_iter().map(|p| (reexport, p)));
            inline.push_str(before);
            rest = &rest[(end + 1).min(rest.len())..];
        } else {
            inline.push_str(&rest[..at + 4]);
            rest = &rest[at + 4..];
        }
    }
    inline.push_str(rest);
    let code = inline.as_str();
    // Paths written inline in code, e.g. `crate::storage::sync_parent_dir(path)`.
    let bytes = code.as_bytes();
    for root in ["crate::", "super::", "clipvault::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(root).map(|a| a + from) {
            from = at + root.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b':') {
                continue;
            }
            let end = code[at..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| at + e);
            paths.push((false, code[at..end].trim_end_matches(':').to_string()));
        }
    }
    paths
}

/// The file a path leads to: the longest module prefix, following `pub use` re-exports.
fn resolve(
    from: &[String],
    path: &str,
    modules: &BTreeMap<Vec<String>, usize>,
    reexports: &[BTreeMap<String, Vec<String>>],
) -> Option<usize> {
    let mut segments: Vec<String> = path.split("::").map(String::from).collect();
    let mut base: Vec<String> = match segments[0].as_str() {
        "crate" => vec![from[0].clone()],
        "clipvault" => vec!["lib".to_string()],
        "super" => from[..from.len().saturating_sub(1)].to_vec(),
        "self" => from.to_vec(),
        _ => return None,
    };
    segments.remove(0);
    while segments.first().is_some_and(|s| s == "super") {
        base.pop();
        segments.remove(0);
    }
    let mut full = base;
    full.extend(segments);
    for _ in 0..8 {
        let (len, file) = (1..=full.len()).rev().find_map(|n| modules.get(&full[..n]).map(|&f| (n, f)))?;
        let Some(next) = full.get(len) else { return Some(file) };
        match reexports[file].get(next) {
            Some(target) => {
                let mut followed = target.clone();
                followed.extend(full[len + 1..].iter().cloned());
                full = followed;
            }
            None => return Some(file),
        }
    }
    None
}

/// A circle in a directed graph, as the nodes along it (first = last), if there is one.
fn find_cycle(edges: &[BTreeSet<usize>]) -> Option<Vec<usize>> {
    fn visit(n: usize, edges: &[BTreeSet<usize>], state: &mut [u8], stack: &mut Vec<usize>) -> Option<Vec<usize>> {
        state[n] = 1;
        stack.push(n);
        for &m in &edges[n] {
            if state[m] == 1 {
                let start = stack.iter().position(|&s| s == m).unwrap();
                let mut cycle = stack[start..].to_vec();
                cycle.push(m);
                return Some(cycle);
            }
            if state[m] == 0
                && let Some(cycle) = visit(m, edges, state, stack)
            {
                return Some(cycle);
            }
        }
        stack.pop();
        state[n] = 2;
        None
    }
    let mut state = vec![0u8; edges.len()];
    (0..edges.len()).find_map(|n| if state[n] == 0 { visit(n, edges, &mut state, &mut Vec::new()) } else { None })
}

/// Every source file, each module path's file, and which files each imports (by index).
type ImportGraph = (Vec<SourceFile>, BTreeMap<Vec<String>, usize>, Vec<BTreeSet<usize>>);

/// Every source file, and which files each imports (by index into the files).
fn import_graph() -> ImportGraph {
    let files = source_files();
    let modules: BTreeMap<Vec<String>, usize> = files.iter().enumerate().map(|(i, f)| (f.module.clone(), i)).collect();
    let codes: Vec<String> = files.iter().map(|f| code_of(&f.text)).collect();
    // Re-exports: name -> absolute module path of what it names.
    let mut reexports = vec![BTreeMap::new(); files.len()];
    for (i, code) in codes.iter().enumerate() {
        for (reexport, path) in paths_of(code) {
            if !reexport {
                continue;
            }
            let mut segments: Vec<String> = path.split("::").map(String::from).collect();
            let name = segments.last().unwrap().clone();
            let mut absolute = match segments[0].as_str() {
                "crate" => vec![files[i].module[0].clone()],
                "super" => files[i].module[..files[i].module.len() - 1].to_vec(),
                "self" => files[i].module.clone(),
                // `pub use child::Name` in a module file.
                _ => {
                    let mut m = files[i].module.clone();
                    m.push(segments.remove(0));
                    m
                }
            };
            if matches!(path.split("::").next(), Some("crate" | "super" | "self")) {
                segments.remove(0);
            }
            absolute.extend(segments);
            reexports[i].insert(name, absolute);
        }
    }
    let mut edges: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); files.len()];
    for (i, code) in codes.iter().enumerate() {
        for (reexport, path) in paths_of(code) {
            if reexport {
                continue; // a facade's re-exports are not its dependencies
            }
            if let Some(target) = resolve(&files[i].module, &path, &modules, &reexports)
                && target != i
            {
                edges[i].insert(target);
            }
        }
    }
    (files, modules, edges)
}

#[test]
fn no_source_file_imports_one_that_imports_it_back() {
    let (files, modules, edges) = import_graph();
    if let Some(cycle) = find_cycle(&edges) {
        let names: Vec<String> = cycle.iter().map(|&i| files[i].path.display().to_string()).collect();
        panic!("import circle: {}", names.join(" -> "));
    }
    // The check must see the imports it is meant to judge.
    let handle = modules[&["lib", "vault", "handle"].map(String::from).to_vec()];
    let error = modules[&["lib", "vault", "error"].map(String::from).to_vec()];
    assert!(edges[handle].contains(&error), "vault/handle.rs imports vault/error.rs");
}

#[test]
fn the_circle_check_finds_circles_and_only_circles() {
    let graph = |pairs: &[(usize, usize)]| {
        let mut edges = vec![BTreeSet::new(); 4];
        pairs.iter().for_each(|&(a, b)| {
            edges[a].insert(b);
        });
        edges
    };
    assert_eq!(find_cycle(&graph(&[(0, 1), (1, 2), (2, 3)])), None);
    assert_eq!(find_cycle(&graph(&[(0, 1), (0, 2), (1, 3), (2, 3)])), None);
    assert_eq!(find_cycle(&graph(&[(0, 1), (1, 2), (2, 1)])), Some(vec![1, 2, 1]));
}

#[test]
fn import_paths_are_read_from_use_trees_and_code() {
    let code = "use super::b::X;\nfn f() { crate::a::g(); }\nuse crate::{c::{self, D}, e as f};";
    let paths: Vec<String> = paths_of(&code_of(code)).into_iter().map(|(_, p)| p).collect();
    assert_eq!(paths, ["super::b::X", "crate::c", "crate::c::D", "crate::e", "crate::a::g"]);
}

#[test]
fn every_source_file_says_what_it_owns() {
    for file in source_files() {
        assert!(file.text.starts_with("//!"), "{} must open with a //! doc comment", file.path.display());
    }
}

/// The library's layers, top to bottom (README's "Layout"): a module imports only modules in
/// layers below its own, never beside or above it. (The binary, `cli`, is above them all.)
const LAYERS: [&[&str]; 10] = [
    &["serve"],
    &["age_file"],
    &["vault"],
    &["leftovers"],
    &["listing", "evidence", "media"],
    &["format"],
    &["crypto"],
    &["i18n", "names", "range", "times", "wipe"],
    &["storage"],
    &["sys"],
];

#[test]
fn imports_run_down_the_layers_and_down_the_vaults_own_list() {
    let (files, _, edges) = import_graph();
    let layer = |module: &[String]| -> Option<usize> {
        (module[0] == "lib").then(|| LAYERS.iter().position(|names| names.contains(&module[1].as_str()))).flatten()
    };
    // vault/mod.rs lists its files lower ones first; each imports only files above it.
    let vault_mod = files.iter().find(|f| f.module == ["lib", "vault"]).expect("vault/mod.rs");
    let vault_order: Vec<String> = vault_mod
        .text
        .lines()
        .filter_map(|l| l.strip_prefix("//! - `")?.split('`').next().map(str::to_owned))
        .collect();
    assert!(vault_order.len() > 20, "vault/mod.rs lists its files: {vault_order:?}");
    let mut wrong = Vec::new();
    for (i, targets) in edges.iter().enumerate() {
        let from = &files[i].module;
        if from.len() < 2 || from[0] != "lib" {
            continue;
        }
        for &j in targets {
            let to = &files[j].module;
            if to.len() < 2 || from[1] == to[1] {
                // Inside one module: the vault's own order.
                if from[1] == "vault" && from.len() > 2 && to.len() > 2 {
                    let (a, b) =
                        (vault_order.iter().position(|n| *n == from[2]), vault_order.iter().position(|n| *n == to[2]));
                    if let (Some(a), Some(b)) = (a, b)
                        && b >= a
                    {
                        wrong.push(format!(
                            "{} imports {}, listed below it",
                            files[i].path.display(),
                            files[j].path.display()
                        ));
                    }
                }
                continue;
            }
            match (layer(from), layer(to)) {
                (Some(a), Some(b)) if b > a => {}
                (a, b) => wrong.push(format!(
                    "{} (layer {a:?}) imports {} (layer {b:?})",
                    files[i].path.display(),
                    files[j].path.display()
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "imports that run up or across a layer:\n{}", wrong.join("\n"));
    for module in files.iter().filter(|f| f.module.len() == 2 && f.module[0] == "lib").map(|f| &f.module) {
        assert!(layer(module).is_some(), "lib/{} has no layer in LAYERS", module[1]);
    }
}
