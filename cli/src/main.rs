//! `upr`: the UN Universal Periodic Review from the shell.
//!
//! Every subcommand reads inputs in any format the `upr` crate reads (detected from the content
//! unless `--from` says), and writes to stdout; messages, reports and progress go to stderr.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use upr::classify::{Classifier, EvidenceByLabel};
use upr::format::{
    Action, Context, Format, Mode, ReadOptions, ReadReport, RecordStream, upr_info, upr1,
};
use upr::{
    ActionCategory, Convention, Dataset, Dimension, PartialCounts, Query, Recommendation, Session,
    Tally, Unit, UprInfoResponse,
};

mod chart;
#[allow(unreachable_pub, dead_code)]
#[path = "../../examples/dprk_report.rs"]
mod dprk_report;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  an input could not be read (the message names the file and the line or record)
  2  usage error (unknown option, bad value, missing argument)
  3  `upr check` found problems (records skipped or repaired)
  4  output could not be written";

/// Convert, count, classify and check UN Universal Periodic Review recommendations.
#[derive(Parser)]
#[command(name = "upr", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert inputs to upr/1 CSV, JSON, JSON lines or UPR Info's layout.
    Convert(ConvertArgs),
    /// Count responses, grouped by keys, under a counting convention.
    Tally(TallyArgs),
    /// Label recommendations with UPR Info's issues and McMahon's action category (JSON lines).
    Classify(ClassifyArgs),
    /// Read inputs, print what was skipped or repaired; exit 3 if anything was.
    Check(CheckArgs),
    /// The DPRK report from the embedded dataset, or tallies of any dataset file.
    Report(ReportArgs),
    /// SVG charts: responses per cycle, acceptance by action category, issue family, regional group.
    Chart(ChartArgs),
}

/// How inputs are read.
#[derive(Args, Clone)]
struct Input {
    /// Input format (detected from the content when omitted).
    #[arg(long, value_parser = parse_format)]
    from: Option<Format>,
    /// Skip unreadable records (listed on stderr) instead of stopping at the first.
    #[arg(long)]
    lenient: bool,
    /// The Working Group session (needed for UHRI, which gives only the Council's).
    #[arg(long)]
    session: Option<Session>,
    /// The day positions were made public, for sources that do not date them (UHRI, matrices).
    #[arg(long, value_name = "YYYY-MM-DD")]
    position_date: Option<NaiveDate>,
    /// Input files.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse().map_err(|e: upr::Error| e.to_string())
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum To {
    Csv,
    Json,
    Jsonl,
    UprInfo,
}

#[derive(Args)]
struct ConvertArgs {
    /// Output form.
    #[arg(long, value_enum)]
    to: To,
    /// Write here instead of stdout.
    #[arg(long, short)]
    out: Option<PathBuf>,
    #[command(flatten)]
    input: Input,
}

#[derive(Args)]
struct TallyArgs {
    /// Group by (repeatable): cycle, state_under_review, recommending_state, recommender_group,
    /// status, action_category, issue_family, issue.
    #[arg(long, value_parser = parse_vocab::<Dimension>)]
    by: Vec<Dimension>,
    /// Counting convention: five_way, ohchr, upr_info, upr_info_summary_2014.
    #[arg(long, value_parser = parse_vocab::<Convention>, default_value = "five_way")]
    convention: Convention,
    /// How partial acceptance counts in shares: as_accepted, as_not_accepted.
    #[arg(long, value_parser = parse_vocab::<PartialCounts>, default_value = "as_accepted")]
    partial: PartialCounts,
    /// Count responses as they stood on this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<NaiveDate>,
    /// What one count is: paragraph (a numbered recommendation, as the UN counts) or part (each
    /// part of a clustered paragraph, with its own text and recommending States). A part made
    /// jointly by several States counts once either way; --by recommending_state counts it once
    /// per State, as UPR Info's rows do.
    #[arg(long, value_parser = parse_vocab::<Unit>, default_value = "paragraph")]
    unit: Unit,
    /// Label with the crate's classifier instead of the human labels (for action_category,
    /// issue_family, issue).
    #[arg(long)]
    classify: bool,
    /// An embedded dataset instead of files: `dprk`.
    #[arg(long)]
    dataset: Option<String>,
    /// CSV instead of a table.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// JSON instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    input: Input,
}

fn parse_vocab<T: std::str::FromStr<Err = upr::Error>>(s: &str) -> Result<T, String> {
    s.parse().map_err(|e: upr::Error| e.to_string())
}

#[derive(Args)]
struct ClassifyArgs {
    /// Add the evidence: matched phrases, their byte spans and the rules that fired.
    #[arg(long)]
    evidence: bool,
    #[command(flatten)]
    input: Input,
}

#[derive(Args)]
struct CheckArgs {
    /// Stop at the first problem, as an error (exit 1).
    #[arg(long)]
    strict: bool,
    /// Input format (detected from the content when omitted).
    #[arg(long, value_parser = parse_format)]
    from: Option<Format>,
    /// The Working Group session (needed for UHRI).
    #[arg(long)]
    session: Option<Session>,
    /// Input files.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

#[derive(Args)]
struct ReportArgs {
    /// JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Also write the SVG charts into this folder.
    #[arg(long, value_name = "DIR")]
    svg: Option<PathBuf>,
    #[command(flatten)]
    input: Input,
}

#[derive(Args)]
struct ChartArgs {
    /// The folder the SVG files are written to (created if needed).
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    out: PathBuf,
    /// An embedded dataset instead of files: `dprk` (the default without files).
    #[arg(long)]
    dataset: Option<String>,
    #[command(flatten)]
    input: Input,
}

/// An error and the exit code it gives.
#[derive(Debug)]
enum Failure {
    Input(String),
    Usage(String),
    Problems(usize),
    Output(String),
}

impl Failure {
    fn code(&self) -> u8 {
        match self {
            Failure::Input(_) => 1,
            Failure::Usage(_) => 2,
            Failure::Problems(_) => 3,
            Failure::Output(_) => 4,
        }
    }
}

impl From<upr::Error> for Failure {
    fn from(e: upr::Error) -> Self {
        Failure::Input(e.to_string())
    }
}

type Outcome<T = ()> = Result<T, Failure>;

fn main() -> ExitCode {
    // A reader that stops early (`upr report | head`) closes the pipe: that ends the output, it is
    // no error (print! panics on a closed stdout; everything else keeps the default message).
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Convert(a) => convert(&a),
        Command::Tally(a) => tally(&a),
        Command::Classify(a) => classify(&a),
        Command::Check(a) => check(&a),
        Command::Report(a) => report(&a),
        Command::Chart(a) => chart_command(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            match &f {
                Failure::Input(m) | Failure::Usage(m) | Failure::Output(m) => {
                    eprintln!("upr: error: {m}")
                }
                Failure::Problems(n) => eprintln!("upr: {n} problems found"),
            }
            ExitCode::from(f.code())
        }
    }
}

/// Recommendations read from one input.
struct Loaded {
    recommendations: Vec<Recommendation>,
    report: ReadReport,
    format: Format,
}

/// The format of a file: as given, or detected from its first bytes.
fn format_of(path: &Path, given: Option<Format>) -> Outcome<Format> {
    if let Some(f) = given {
        return Ok(f);
    }
    let mut head = vec![0u8; 64 * 1024];
    let n = std::fs::File::open(path)
        .and_then(|mut f| read_up_to(&mut f, &mut head))
        .map_err(|e| Failure::Input(format!("cannot read {}: {e}", path.display())))?;
    Format::detect(&head[..n]).ok_or_else(|| {
        Failure::Usage(format!(
            "{}: cannot tell the format from the content; give --from (one of {})",
            path.display(),
            Format::ALL.map(Format::name).join(", ")
        ))
    })
}

fn read_up_to(r: &mut impl std::io::Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// A recommendation read, with UPR Info's own response for UPR Info inputs.
struct Item {
    recommendation: Recommendation,
    upr_info_response: Option<UprInfoResponse>,
}

/// One input's recommendations, one at a time: UPR Info and UHRI exports and the three upr/1
/// forms are streamed (memory does not grow with the file); a Working Group report or a matrix
/// (one review each) is read whole, then handed out.
enum Source {
    UprInfo {
        joints: Box<upr_info::JointRows<upr_info::Rows<upr::format::ReadAhead>>>,
        date: Option<NaiveDate>,
    },
    /// Recommendations as their reader streams them (or hands out a document read whole).
    Records(upr::format::AnyRecommendations),
}

impl Source {
    fn next_item(&mut self) -> Option<upr::Result<Item>> {
        match self {
            Source::UprInfo { joints, date } => joints.next().map(|j| {
                j.map(|j| Item {
                    upr_info_response: Some(j.response),
                    recommendation: j.into_recommendation(*date),
                })
            }),
            Source::Records(recs) => recs.next().map(|r| {
                r.map(|recommendation| Item {
                    recommendation,
                    upr_info_response: None,
                })
            }),
        }
    }

    fn finish(&mut self) -> upr::Result<ReadReport> {
        match self {
            Source::UprInfo { joints, .. } => joints.finish(),
            Source::Records(recs) => recs.finish(),
        }
    }
}

/// Opens one input as a [`Source`].
fn open(path: &Path, input: &Input, mode: Mode) -> Outcome<(Source, Format)> {
    let format = format_of(path, input.from)?;
    let options = ReadOptions::new()
        .with_mode(mode)
        .with_name(path.display().to_string());
    let mut context = Context::new();
    if let Some(s) = input.session {
        context = context.with_session(s);
    }
    if let Some(d) = input.position_date {
        context = context.with_position_date(d);
    }
    if format == Format::Uhri && input.session.is_none() {
        return Err(Failure::Usage(format!(
            "{}: UHRI input needs --session N, the Working Group session (UHRI gives only the Council's)",
            path.display()
        )));
    }
    let source = match format {
        Format::UprInfo => Source::UprInfo {
            joints: Box::new(upr_info::JointRows::new(upr_info::rows_path(
                path, &options,
            )?)),
            date: context.position_date(),
        },
        // Every other format as the library opens it (streamed, or a document read whole).
        other => Source::Records(
            upr::format::recommendations_path(path, Some(other), &options, &context)?.0,
        ),
    };
    Ok((source, format))
}

/// Reads one input whole.
fn load(path: &Path, input: &Input, mode: Mode) -> Outcome<Loaded> {
    let (mut source, format) = open(path, input, mode)?;
    let mut recommendations = Vec::new();
    while let Some(item) = source.next_item() {
        recommendations.push(item?.recommendation);
    }
    Ok(Loaded {
        recommendations,
        report: source.finish()?,
        format,
    })
}

/// Every input's recommendations, one at a time, each input's report printed (quietly) when it
/// is read to its end: what a tally or a check runs over without holding the inputs. The first
/// error ends the iteration and is left in `failure`.
fn stream_all<'a>(
    input: &'a Input,
    failure: &'a mut Option<Failure>,
    quiet: bool,
) -> impl Iterator<Item = Recommendation> + 'a {
    stream_items(input, failure, quiet).map(|i| i.recommendation)
}

/// [`stream_all`], each recommendation with UPR Info's own response for UPR Info inputs.
fn stream_items<'a>(
    input: &'a Input,
    failure: &'a mut Option<Failure>,
    quiet: bool,
) -> impl Iterator<Item = Item> + 'a {
    let mode = if input.lenient {
        Mode::Lenient
    } else {
        Mode::Strict
    };
    let mut files = input.files.iter();
    let mut current: Option<(Source, Format)> = None;
    std::iter::from_fn(move || {
        loop {
            if failure.is_some() {
                return None;
            }
            let Some((source, format)) = current.as_mut() else {
                let path = files.next()?;
                match open(path, input, mode) {
                    Ok(opened) => current = Some(opened),
                    Err(e) => *failure = Some(e),
                }
                continue;
            };
            match source.next_item() {
                Some(Ok(item)) => return Some(item),
                Some(Err(e)) => *failure = Some(e.into()),
                None => {
                    match source.finish() {
                        Ok(report) => {
                            let read = report.records;
                            print_summary(&report, *format, read, quiet);
                        }
                        Err(e) => *failure = Some(e.into()),
                    }
                    current = None;
                }
            }
        }
    })
}

/// A progress bar over `n` files, on stderr, shown only when stderr is a terminal and the work is
/// worth it.
fn progress(files: &[PathBuf]) -> ProgressBar {
    let big = files.len() > 3
        || files
            .iter()
            .any(|f| std::fs::metadata(f).is_ok_and(|m| m.len() > 1 << 20));
    if !std::io::stderr().is_terminal() || !big {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// Every input read, the report of each printed on stderr (problems, then a summary line).
fn load_all(input: &Input, quiet: bool) -> Outcome<Vec<Loaded>> {
    if input.files.is_empty() {
        return Err(Failure::Usage("no input files".into()));
    }
    let mode = if input.lenient {
        Mode::Lenient
    } else {
        Mode::Strict
    };
    let bar = progress(&input.files);
    let mut out = Vec::new();
    for path in &input.files {
        bar.set_message(path.display().to_string());
        let loaded = load(path, input, mode)?;
        bar.suspend(|| print_report(&loaded, quiet));
        bar.inc(1);
        out.push(loaded);
    }
    bar.finish_and_clear();
    Ok(out)
}

fn print_report(loaded: &Loaded, quiet: bool) {
    let n = loaded.recommendations.len();
    print_summary(&loaded.report, loaded.format, n, quiet);
}

/// An input's report on stderr: its skipped and repaired records, then (unless `quiet`) a
/// summary line; rows merged into joint recommendations are listed unless `quiet`, counted
/// otherwise.
fn print_summary(report: &ReadReport, format: Format, recommendations: usize, quiet: bool) {
    for p in &report.problems {
        if quiet && p.action == Action::Merged {
            continue;
        }
        eprintln!(
            "{}: {}: {:?}: {}: {:?}",
            report.input, p.location, p.action, p.reason, p.found
        );
    }
    let merged = report.merged().count();
    if !quiet {
        eprintln!(
            "{}: {}, {} records read ({} skipped, {} repaired, {} merged), {} recommendations",
            report.input,
            format,
            report.records + merged,
            report.skipped().count(),
            report.repaired().count(),
            merged,
            recommendations
        );
    } else if merged > 0 {
        eprintln!(
            "{}: {merged} rows merged into joint recommendations (upr check lists them)",
            report.input
        );
    }
}

/// Writes `bytes` to a file or stdout; a reader that stops early (`| head`) is not an error.
fn emit(out: Option<&Path>, bytes: &[u8]) -> Outcome {
    match out {
        Some(p) => std::fs::write(p, bytes)
            .map_err(|e| Failure::Output(format!("cannot write {}: {e}", p.display()))),
        None => match std::io::stdout().lock().write_all(bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(Failure::Output(format!("cannot write to stdout: {e}"))),
            Ok(()) => Ok(()),
        },
    }
}

/// Where `upr convert` writes as it reads: a file (written next to it, then renamed over it
/// once every input is read, so a failed run leaves no half-written output), or stdout (a
/// reader that stops early, `| head`, is not an error: the rest is dropped).
struct Sink {
    inner: std::io::BufWriter<Box<dyn Write>>,
    /// The file being written and the output it becomes.
    file: Option<(PathBuf, PathBuf)>,
    closed: bool,
}

impl Sink {
    fn open(out: Option<&Path>) -> Outcome<Sink> {
        let Some(path) = out else {
            let stdout: Box<dyn Write> = Box::new(std::io::stdout().lock());
            return Ok(Sink {
                inner: std::io::BufWriter::with_capacity(1 << 16, stdout),
                file: None,
                closed: false,
            });
        };
        let mut partial = path.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let f = std::fs::File::create(&partial)
            .map_err(|e| Failure::Output(format!("cannot write {}: {e}", partial.display())))?;
        Ok(Sink {
            inner: std::io::BufWriter::with_capacity(1 << 16, Box::new(f)),
            file: Some((partial, path.to_path_buf())),
            closed: false,
        })
    }

    /// Everything written: the file takes its name.
    fn commit(mut self) -> Outcome {
        self.flush()
            .map_err(|e| Failure::Output(format!("cannot write the output: {e}")))?;
        if let Some((partial, path)) = self.file.take() {
            std::fs::rename(&partial, &path)
                .map_err(|e| Failure::Output(format!("cannot write {}: {e}", path.display())))?;
        }
        Ok(())
    }
}

impl Drop for Sink {
    /// Not committed: the half-written file goes.
    fn drop(&mut self) {
        if let Some((partial, _)) = self.file.take() {
            let _ = std::fs::remove_file(partial);
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

fn convert(a: &ConvertArgs) -> Outcome {
    if a.to == To::UprInfo {
        return convert_to_upr_info(a);
    }
    if a.input.files.is_empty() {
        return Err(Failure::Usage("no input files".into()));
    }
    // Streamed: each recommendation is written as it is read, so memory does not grow with
    // the inputs; each input's report is printed when it is read to its end.
    let mut sink = Sink::open(a.out.as_deref())?;
    let mut failure = None;
    let mut undated = 0usize;
    let recs = stream_all(&a.input, &mut failure, false)
        .inspect(|r| undated += usize::from(r.responses().is_undated()));
    let written = match a.to {
        To::Json => upr1::json::write_recommendations(&mut sink, recs),
        To::Jsonl => upr1::json::write_recommendation_lines(&mut sink, recs),
        _ => upr1::csv::write_recommendations(&mut sink, recs),
    };
    if let Some(f) = failure {
        return Err(f);
    }
    written.map_err(|e| Failure::Output(e.to_string()))?;
    sink.commit()?;
    undated_note(undated);
    Ok(())
}

/// The note on recommendations whose positions have no date.
fn undated_note(undated: usize) {
    if undated > 0 {
        eprintln!(
            "note: {undated} recommendations have only undated positions (the source gives no day); give --position-date YYYY-MM-DD to date them"
        );
    }
}

/// `upr convert --to upr-info`: streamed like the other targets, one recommendation's rows
/// written as it is read. A recommendation read from a UPR Info export keeps UPR Info's own
/// response (written as read, so it needs no note); the others get one note per row whose
/// response UPR Info cannot hold, and the note for the whole output ends the list.
fn convert_to_upr_info(a: &ConvertArgs) -> Outcome {
    if a.input.files.is_empty() {
        return Err(Failure::Usage("no input files".into()));
    }
    let output = |e: upr::Error| Failure::Output(e.to_string());
    let mut sink = Sink::open(a.out.as_deref())?;
    let mut failure = None;
    let mut undated = 0usize;
    let mut w = upr_info::RecommendationWriter::new(&mut sink, &upr_info::WriteOptions::new())
        .map_err(output)?;
    for item in stream_items(&a.input, &mut failure, false) {
        let r = &item.recommendation;
        undated += usize::from(r.responses().is_undated());
        let own = item.upr_info_response;
        let notes = w
            .write_with(r, |row| {
                if let Some(response) = own {
                    row.response = response;
                }
            })
            .map_err(output)?;
        if own.is_none() {
            for n in notes {
                eprintln!("note: {n}");
            }
        }
    }
    if let Some(f) = failure {
        return Err(f);
    }
    let (_, report) = w.finish().map_err(output)?;
    for n in report.notes.iter().filter(|n| n.row.is_none()) {
        eprintln!("note: {n}");
    }
    sink.commit()?;
    undated_note(undated);
    Ok(())
}

/// The recommendations of `--dataset NAME` or of the input files.
fn recommendations(dataset: Option<&str>, input: &Input) -> Outcome<Vec<Recommendation>> {
    match dataset {
        Some("dprk") => {
            if !input.files.is_empty() {
                return Err(Failure::Usage(
                    "give either --dataset or files, not both".into(),
                ));
            }
            Ok(Dataset::dprk().recommendations.clone())
        }
        Some(other) => Err(Failure::Usage(format!(
            "unknown dataset {other:?}: expected dprk"
        ))),
        None => Ok(load_all(input, true)?
            .into_iter()
            .flat_map(|l| l.recommendations)
            .collect()),
    }
}

fn tally(a: &TallyArgs) -> Outcome {
    let mut q = Query::new()
        .convention(a.convention)
        .partial(a.partial)
        .unit(a.unit);
    if let Some(d) = a.as_of {
        q = q.as_of(d);
    }
    for d in &a.by {
        q = q.group_by(*d);
    }
    let classifier = a.classify.then(Classifier::builtin);
    if let Some(c) = classifier {
        q = q.labeler(c);
    }
    // Files are tallied as they are read (a UPR Info export streams, in memory that does not
    // grow with it); the embedded dataset is in memory already.
    let t = if a.dataset.is_some() {
        q.tally(&recommendations(a.dataset.as_deref(), &a.input)?)
    } else {
        if a.input.files.is_empty() {
            return Err(Failure::Usage("no input files".into()));
        }
        let mut failure = None;
        let t = q.tally(stream_all(&a.input, &mut failure, true));
        if let Some(f) = failure {
            return Err(f);
        }
        t
    };
    let text = if a.json {
        serde_json::to_string_pretty(&t).map_err(|e| Failure::Output(e.to_string()))? + "\n"
    } else if a.csv {
        tally_csv(&t)
    } else {
        let mut text = tally_table(&t);
        // A cycle the embedded dataset holds only in part counts what the list holds.
        if a.dataset.as_deref() == Some("dprk") {
            for p in &Dataset::dprk().partial_lists {
                text.push_str(&format!(
                    "(cycle {}: a partial list, not the cycle's total ({}))\n",
                    p.cycle, p.source
                ));
            }
        }
        text
    };
    emit(None, text.as_bytes())
}

/// The header and rows of a tally: the keys, each bucket, the total and the accepted share.
fn tally_cells(t: &Tally) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = t.dimensions.iter().map(|d| d.to_string()).collect();
    header.extend(t.buckets.iter().map(|b| b.to_string()));
    header.push("total".into());
    header.push("accepted_share".into());
    let row = |key: &[String], r: &upr::TallyRow| {
        let mut cells: Vec<String> = key.to_vec();
        cells.extend(t.buckets.iter().map(|b| r.count(*b).to_string()));
        cells.push(r.total.to_string());
        cells.push(r.accepted.percent(1).unwrap_or_default());
        cells
    };
    let mut rows: Vec<Vec<String>> = t.rows.iter().map(|r| row(&r.key, r)).collect();
    if !t.dimensions.is_empty() {
        let mut all = vec!["all".to_owned()];
        all.resize(t.dimensions.len(), String::new());
        rows.push(row(&all, &t.all));
    } else {
        rows = vec![row(&[], &t.all)];
    }
    (header, rows)
}

fn tally_table(t: &Tally) -> String {
    let (header, rows) = tally_cells(t);
    let dims = t.dimensions.len();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            let w = widths[i];
            if i < dims {
                s.push_str(&format!("{c:<w$}"));
            } else {
                s.push_str(&format!("{c:>w$}"));
            }
        }
        s.trim_end().to_owned() + "\n"
    };
    let mut out = line(&header);
    for r in &rows {
        out.push_str(&line(r));
    }
    let mut notes = vec![format!("convention: {}", t.convention)];
    if !t.unit.is_paragraph() {
        notes.push(format!("unit: {}", t.unit));
    }
    if let Some(d) = t.as_of {
        notes.push(format!("as of {d}"));
    }
    if t.not_yet_made > 0 {
        notes.push(format!(
            "{} without a position yet on that day",
            t.not_yet_made
        ));
    }
    if t.undated > 0 {
        notes.push(format!(
            "{} left out whose source does not date its position",
            t.undated
        ));
    }
    if t.no_response > 0 {
        notes.push(format!("{} with no response recorded", t.no_response));
    }
    out.push_str(&format!("({})\n", notes.join("; ")));
    out
}

fn tally_csv(t: &Tally) -> String {
    let (header, rows) = tally_cells(t);
    let quote = |c: &String| {
        if c.contains([',', '"', '\n']) {
            format!("\"{}\"", c.replace('"', "\"\""))
        } else {
            c.clone()
        }
    };
    let mut out = String::new();
    for r in std::iter::once(&header).chain(&rows) {
        out.push_str(&r.iter().map(quote).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// One line of `upr classify`.
#[derive(Serialize)]
struct ClassifiedLine<'a> {
    file: String,
    row: usize,
    paragraph: Option<String>,
    action_category: Option<ActionCategory>,
    issues: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<EvidenceByLabel<'a>>,
}

fn classify(a: &ClassifyArgs) -> Outcome {
    let classifier = Classifier::builtin();
    let all = load_all(&a.input, true)?;
    let mut out = Vec::new();
    for l in &all {
        for (i, r) in l.recommendations.iter().enumerate() {
            let c = classifier.classify(r.text());
            let line = ClassifiedLine {
                file: l.report.input.clone(),
                row: i + 1,
                paragraph: r.reference().map(|p| p.to_string()),
                action_category: c.action_category(),
                issues: c.issues().map(|i| i.name()).collect(),
                evidence: a.evidence.then(|| c.evidence_by_label()),
            };
            serde_json::to_writer(&mut out, &line).map_err(|e| Failure::Output(e.to_string()))?;
            out.push(b'\n');
        }
    }
    emit(None, &out)
}

fn check(a: &CheckArgs) -> Outcome {
    let input = Input {
        from: a.from,
        lenient: !a.strict,
        session: a.session,
        position_date: None,
        files: a.files.clone(),
    };
    // Each input is read as a stream (nothing held) and its report printed whole.
    let mode = if input.lenient {
        Mode::Lenient
    } else {
        Mode::Strict
    };
    if input.files.is_empty() {
        return Err(Failure::Usage("no input files".into()));
    }
    let mut problems = 0;
    for path in &input.files {
        let (mut source, format) = open(path, &input, mode)?;
        let mut recommendations = 0;
        while let Some(item) = source.next_item() {
            item?;
            recommendations += 1;
        }
        let report = source.finish()?;
        print_summary(&report, format, recommendations, false);
        // Rows merged into a joint recommendation are listed, but are not problems.
        problems += report.problems.len() - report.merged().count();
    }
    if problems > 0 {
        Err(Failure::Problems(problems))
    } else {
        Ok(())
    }
}

fn report(a: &ReportArgs) -> Outcome {
    if a.input.files.is_empty() {
        if let Some(dir) = &a.svg {
            chart::write_all(&Dataset::dprk().recommendations, dir, "DPRK")?;
        }
        return dprk_report::main().map_err(|e| Failure::Output(e.to_string()));
    }
    let recs = recommendations(None, &a.input)?;
    if let Some(dir) = &a.svg {
        chart::write_all(&recs, dir, "")?;
    }
    let by = |dims: &[Dimension]| {
        let mut q = Query::new();
        for d in dims {
            q = q.group_by(*d);
        }
        q.tally(&recs)
    };
    let sections = [
        ("by cycle", vec![Dimension::Cycle]),
        (
            "by State under review and cycle",
            vec![Dimension::StateUnderReview, Dimension::Cycle],
        ),
        ("by action category", vec![Dimension::ActionCategory]),
        ("by issue family", vec![Dimension::IssueFamily]),
        (
            "by recommending regional group",
            vec![Dimension::RecommenderGroup],
        ),
    ];
    if a.json {
        let map: std::collections::BTreeMap<&str, Tally> =
            sections.iter().map(|(n, d)| (*n, by(d))).collect();
        let s = serde_json::to_string_pretty(&map).map_err(|e| Failure::Output(e.to_string()))?;
        return emit(None, (s + "\n").as_bytes());
    }
    let mut out = format!("{} recommendations\n", recs.len());
    for (name, dims) in &sections {
        out.push_str(&format!("\n## {name}\n\n{}", tally_table(&by(dims))));
    }
    emit(None, out.as_bytes())
}

fn chart_command(a: &ChartArgs) -> Outcome {
    let (recs, title) = if a.input.files.is_empty() && a.dataset.is_none() {
        (Dataset::dprk().recommendations.clone(), "DPRK")
    } else {
        let t = if a.dataset.is_some() { "DPRK" } else { "" };
        (recommendations(a.dataset.as_deref(), &a.input)?, t)
    };
    chart::write_all(&recs, &a.out, title)
}
