//! A clone of ntm is complete: no shipped file points outside the repository (the
//! workspace's reference notes, absolute paths of the machine it was written on).

#[test]
fn no_file_points_outside_the_repository() {
    let root = crate::common::root();
    // Written in pieces so that this file does not match itself.
    let patterns = [
        ["../", "shared"].concat(),
        ["shared/", "reference"].concat(),
        ["shared/", "seeds"].concat(),
        ["/work", "/"].concat(),
        ["/root", "/"].concat(),
    ];
    let mut hits = Vec::new();
    let walk = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let n = e.file_name().to_string_lossy();
            // Build output and version control are not shipped; CI may call the
            // workspace's contract check, which is not part of the product.
            // The fuzz crate's build output, corpus and findings are not shipped either.
            !(e.depth() == 1 && (n == "target" || n == ".git" || n == ".ci")
                || e.depth() == 2
                    && e.path().parent().is_some_and(|p| p.ends_with("fuzz"))
                    && matches!(n.as_ref(), "target" | "corpus" | "artifacts" | "coverage"))
        });
    for entry in walk.flatten().filter(|e| e.file_type().is_file()) {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            if patterns.iter().any(|p| line.contains(p.as_str())) {
                hits.push(format!(
                    "{}:{}: {}",
                    entry.path().strip_prefix(root).unwrap().display(),
                    i + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "points outside the repository:\n{}",
        hits.join("\n")
    );
}
