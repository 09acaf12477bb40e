//! Classifies every recommendation of UPR Info export files, one JSON object per line.
//!
//! ```text
//! cargo run --release --example classify -- ../shared/data/upr-info/sessions-6-9.csv
//! cargo run --release --example classify -- --evidence FILE...     # with the evidence
//! cargo run --release --example classify -- --rules my-rules.tsv FILE...
//! cargo run --release --example classify -- --rules-only FILE...   # the rules, without the model
//! ```
//!
//! Each line: `{"row": n, "file": "...", "action_category": 4, "issues": ["Justice", "Detention"]}`
//! with `row` the 1-based record number in the file and issues in UPR Info's spelling. The
//! built-in classifier (rules and model) gives every row an action category; with
//! `--rules-only` it is `null` when no action rule matched. `--evidence` adds the model's
//! `confidence` in the category and an `evidence` object with, for the action and each issue,
//! the rules' matched phrases, the model's heaviest features, their byte spans, and the rule or
//! the model file's line (with its `weight`).

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use serde::Serialize;
use upr::ActionCategory;
use upr::classify::{Classifier, EvidenceByLabel, Model, Rules, Scratch};
use upr::format::{ReadOptions, upr_info};
use upr::{Error, Result};

/// One output line.
#[derive(Serialize)]
struct Line<'a> {
    row: usize,
    file: &'a str,
    action_category: Option<ActionCategory>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
    issues: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<EvidenceByLabel<'a>>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("classify: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let mut files = Vec::new();
    let mut rules = Rules::builtin().clone();
    let mut evidence = false;
    let mut model = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--evidence" => evidence = true,
            "--rules-only" => model = false,
            "--rules" => {
                let p = args
                    .next()
                    .ok_or_else(|| Error::invalid("option", &a, "expected a file after it"))?;
                rules.extend(Rules::from_path(p)?);
            }
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        return Err(Error::invalid(
            "arguments",
            "",
            "usage: classify [--evidence] [--rules FILE] [--rules-only] EXPORT.csv...",
        ));
    }
    let mut classifier = Classifier::new(rules)?;
    if model {
        classifier = classifier.with_model(Model::builtin().clone());
    }
    let mut scratch = Scratch::new();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for f in &files {
        let parsed = upr_info::read_path(f, &ReadOptions::new())?;
        for row in &parsed.records {
            if evidence {
                let c = classifier.classify(&row.text);
                let line = Line {
                    row: row.record,
                    file: f,
                    action_category: c.action_category(),
                    confidence: c.action.as_ref().and_then(|a| a.confidence),
                    issues: c.issues().map(|i| i.name()).collect(),
                    evidence: Some(c.evidence_by_label()),
                };
                serde_json::to_writer(&mut out, &line)?;
            } else {
                let l = classifier.label(&row.text, &mut scratch);
                let line = Line {
                    row: row.record,
                    file: f,
                    action_category: l.action,
                    confidence: None,
                    issues: l.issues.iter().map(|i| i.name()).collect(),
                    evidence: None,
                };
                serde_json::to_writer(&mut out, &line)?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}
