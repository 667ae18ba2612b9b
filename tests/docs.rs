//! Every command the README and the docs show with its output, run and compared line for line.
//!
//! A page shows a command and what it prints as a `console` block (`$ covenant …`,
//! then the output; `...` on a line of its own stands for lines left out, `[..]`
//! for the rest of a line). A change to the model or the wording that moves a
//! number the docs quote fails here until the page says what the tool now prints:
//! `TRYCMD=overwrite cargo test --test docs` rewrites each block that no longer
//! matches with the command's whole output, to be trimmed back to an excerpt
//! (with `...`) and reviewed in the diff.

#[test]
fn the_docs_show_what_the_commands_print() {
    trycmd::TestCases::new()
        .register_bin("covenant", trycmd::cargo::cargo_bin!("covenant"))
        .env("NO_COLOR", "1")
        .case("README.md")
        .case("docs/*.md");
}

/// The pages in which commands are shown.
fn pages() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages: Vec<_> = std::fs::read_dir(root.join("docs"))
        .expect("the docs folder")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    pages.insert(0, root.join("README.md"));
    pages
}

/// A command shown in a `sh` block and its output in a block of its own
/// would escape the check above: a command with its output is one
/// `console` block. Fails on a `sh` block that runs `covenant` and is
/// followed, before the next heading, by a `text` or `json` block.
#[test]
fn no_page_shows_an_output_apart_from_its_command() {
    let mut apart = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("a page");
        let (mut inside, mut pending): (Option<String>, Option<usize>) = (None, None);
        for (number, line) in text.lines().enumerate() {
            match &inside {
                Some(_) if line.starts_with("```") => inside = None,
                Some(tag) if tag == "sh" && line.trim_start().starts_with("covenant ") => pending = Some(number + 1),
                Some(_) => {}
                None if line.starts_with('#') => pending = None,
                None if line.starts_with("```") => {
                    let tag = line.trim_start_matches('`').trim().to_string();
                    if let (Some(at), "text" | "json") = (pending, tag.as_str()) {
                        apart.push(format!("{}:{at} (its output at line {})", page.display(), number + 1));
                    }
                    if tag != "sh" {
                        pending = None;
                    }
                    inside = Some(tag);
                }
                None => {}
            }
        }
    }
    assert!(apart.is_empty(), "commands shown apart from their output:\n{}", apart.join("\n"));
}

/// The README's counts of the expectations that pass over 1,000 runs, the
/// library's and the out-of-sample cases', are what `covenant test` says.
#[test]
fn the_readme_s_pass_counts_are_what_the_tests_give() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("the README");
    let count = |folder: &str| {
        let mut files: Vec<String> = std::fs::read_dir(root.join(folder))
            .expect("a folder")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "cov") && !p.ends_with("concert_short.cov"))
            .map(|p| p.to_str().expect("UTF-8").to_string())
            .collect();
        files.sort();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_covenant"))
            .arg("test")
            .args(&files)
            .args(["--runs", "1000"])
            .current_dir(root)
            .output()
            .expect("the binary runs");
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        // `In all, over 9 cases: 203 expectations, 151 pass, 52 fail`, the last line.
        let total = text.lines().last().and_then(|l| l.split_once(": ")).expect("the total line").1;
        let words: Vec<&str> = total.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        let number = |i: usize| words[i].parse::<u32>().unwrap_or_else(|_| panic!("a count in `{total}`"));
        (number(2), number(0))
    };
    let (pass, all) = count("examples");
    let said = format!("{pass} of {all} expectations pass over 1,000 runs");
    assert!(readme.contains(&said), "the README should say `{said}`");
    let (pass, all) = count("tests/cases");
    let said = format!("{pass} of {all} pass");
    assert!(readme.contains(&said), "the README should say `{said}` of the out-of-sample cases");
}

/// The files the commands of `docs/language.md` run on are the case the page
/// shows first and the example of its `C011`, behind a scenario line.
#[test]
fn the_language_page_runs_on_the_cases_it_shows() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = std::fs::read_to_string(root.join("docs/language.md")).expect("the page");
    let block_after = |heading: &str| {
        let at = page.find(heading).expect("the heading");
        let start = page[at..].find("```cov\n").expect("a case block") + at + "```cov\n".len();
        let end = page[start..].find("```").expect("its end") + start;
        page[start..end].to_string()
    };
    let fixture = |name: &str| std::fs::read_to_string(root.join("docs/language.in").join(name)).expect("a fixture");
    assert_eq!(fixture("small_concert.cov"), block_after("### 1.1 A first case"));
    let case = fixture("case.cov");
    let (scenario, rest) = case.split_once('\n').expect("a scenario line");
    assert!(scenario.starts_with("scenario "), "{scenario}");
    assert_eq!(rest, block_after("### C011 duplicate-name"));
}

/// Every case a page shows (a `cov` block that parses) and every bundled
/// example is laid out as `covenant fmt` lays it out, so a reader who
/// copies one and runs `fmt --write` sees nothing move.
#[test]
fn the_cases_the_docs_show_and_the_examples_are_fmt_clean() {
    use covenant::format::format_file;
    use covenant::source::FileId;
    let mut unclean = Vec::new();
    let mut check = |name: String, text: &str| {
        let parsed = covenant::syntax::parse(FileId(0), text);
        if let (Some(tree), true) = (parsed.tree, parsed.diagnostics.is_empty()) {
            let formatted = format_file(text, &tree, &parsed.comments);
            if formatted != text {
                unclean.push(format!("{name}\n--- as written\n{text}--- as fmt lays it out\n{formatted}"));
            }
        }
    };
    let mut shown = 0;
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("a page");
        let mut block: Option<(usize, String)> = None;
        for (number, line) in text.lines().enumerate() {
            let fence = line.trim_start();
            match &mut block {
                Some((start, body)) if fence.starts_with("```") => {
                    // A block inside a list item is indented with the item.
                    let indent = text.lines().nth(*start - 1).map_or(0, |l| l.len() - l.trim_start().len());
                    let body: String =
                        body.lines().map(|l| format!("{}\n", l.get(indent..).unwrap_or(l.trim_start()))).collect();
                    check(format!("{}:{start}", page.display()), &body);
                    shown += 1;
                    block = None;
                }
                Some((_, body)) => {
                    body.push_str(line);
                    body.push('\n');
                }
                None if fence == "```cov" => block = Some((number + 1, String::new())),
                None => {}
            }
        }
    }
    assert!(shown > 50, "only {shown} cases found in the docs");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["examples", "docs/language.in"] {
        for entry in std::fs::read_dir(root.join(folder)).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "cov") {
                check(path.display().to_string(), &std::fs::read_to_string(&path).expect("a case"));
            }
        }
    }
    assert!(unclean.is_empty(), "{} not fmt-clean:\n{}", unclean.len(), unclean.join("\n"));
}
