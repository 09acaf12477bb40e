//! The native part of the `upr` Python package (`upr._upr`): the crate's readers, tallies,
//! classifier and embedded dataset. Values cross into Python as JSON text that `upr/__init__.py`
//! turns into objects, so the Python side sees the same spellings as the upr/1 schema.

use std::path::PathBuf;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use upr::classify::Classifier;
use upr::format::{AnyRecommendations, Context, Format, Mode, ReadOptions, RecordStream, upr1};
use upr::{Convention, Dataset, Dimension, PartialCounts, Query, Recommendation, Session, Unit};

fn err(e: upr::Error) -> PyErr {
    match e {
        upr::Error::Io { .. } => PyOSError::new_err(e.to_string()),
        other => PyValueError::new_err(other.to_string()),
    }
}

fn json<T: serde::Serialize>(v: &T) -> PyResult<String> {
    serde_json::to_string(v).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Recommendations held natively; tallies and exports run on them without copying.
#[pyclass(frozen, module = "upr._upr")]
struct Recommendations {
    items: Vec<Recommendation>,
}

#[pymethods]
impl Recommendations {
    fn __len__(&self) -> usize {
        self.items.len()
    }

    /// The recommendations as upr/1 JSON lines.
    fn to_jsonl(&self) -> PyResult<String> {
        let mut out = Vec::new();
        upr1::json::write_recommendation_lines(&mut out, &self.items).map_err(err)?;
        String::from_utf8(out).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The recommendations as upr/1 CSV.
    fn to_csv(&self) -> PyResult<String> {
        let mut out = Vec::new();
        upr1::csv::write_recommendations(&mut out, &self.items).map_err(err)?;
        String::from_utf8(out).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The rows of the upr/1 CSV (every column, derived ones included) as a JSON array of
    /// objects: the one column list the CSV export and `to_pandas()` share.
    fn to_rows(&self) -> PyResult<String> {
        let rows: Vec<upr1::RecommendationRow> = self.items.iter().map(Into::into).collect();
        json(&rows)
    }

    /// A tally as JSON (the crate's `Tally`); `unit` is `paragraph` or `part`.
    #[pyo3(signature = (by, convention, partial, as_of, classify, unit))]
    fn tally(
        &self,
        by: Vec<String>,
        convention: &str,
        partial: &str,
        as_of: Option<&str>,
        classify: bool,
        unit: &str,
    ) -> PyResult<String> {
        let mut q = Query::new()
            .convention(convention.parse::<Convention>().map_err(err)?)
            .partial(partial.parse::<PartialCounts>().map_err(err)?)
            .unit(unit.parse::<Unit>().map_err(err)?);
        for d in &by {
            q = q.group_by(d.parse::<Dimension>().map_err(err)?);
        }
        if let Some(d) = as_of {
            let date = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                PyValueError::new_err(format!("as_of: expected YYYY-MM-DD, found {d:?}"))
            })?;
            q = q.as_of(date);
        }
        let t = if classify {
            q.labeler(Classifier::builtin()).tally(&self.items)
        } else {
            q.tally(&self.items)
        };
        json(&t)
    }
}

/// The embedded DPRK dataset's recommendations.
#[pyfunction]
fn dprk_recommendations() -> Recommendations {
    Recommendations {
        items: Dataset::dprk().recommendations.clone(),
    }
}

/// The embedded DPRK dataset's sources and published figures, as JSON.
#[pyfunction]
fn dprk_info() -> PyResult<String> {
    let d = Dataset::dprk();
    json(&serde_json::json!({
        "data_version": upr::dataset::DATA_VERSION,
        "sources": d.sources,
        "disagreements": d.disagreements(),
    }))
}

/// The format named, or the one detected from the file's first 64 KiB.
fn format_of(path: &std::path::Path, format: Option<&str>) -> PyResult<Format> {
    match format {
        Some(f) => f.parse::<Format>().map_err(err),
        None => Format::detect_path(path).map_err(err)?.ok_or_else(|| {
            PyValueError::new_err(format!(
                "{}: cannot tell the format from the content; give format=",
                path.display()
            ))
        }),
    }
}

/// The options and context of a read.
fn settings(
    lenient: bool,
    session: Option<u16>,
    position_date: Option<&str>,
) -> PyResult<(ReadOptions, Context)> {
    let mode = if lenient { Mode::Lenient } else { Mode::Strict };
    let options = ReadOptions::new().with_mode(mode);
    let mut context = Context::new();
    if let Some(s) = session {
        let s = Session::new(s).map_err(err)?;
        context = context.with_session(s);
    }
    if let Some(d) = position_date {
        let date = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            PyValueError::new_err(format!("position_date: expected YYYY-MM-DD, found {d:?}"))
        })?;
        context = context.with_position_date(date);
    }
    Ok((options, context))
}

/// Reads a file: (recommendations, report as JSON, format name). The stream of [`stream`]
/// read to its end, so that `upr.read` and `upr.stream` give the same records and report under
/// the same arguments (one dispatch by format: the library's `format::recommendations_path`).
#[pyfunction]
#[pyo3(signature = (path, format, lenient, session, position_date))]
fn read(
    path: PathBuf,
    format: Option<&str>,
    lenient: bool,
    session: Option<u16>,
    position_date: Option<&str>,
) -> PyResult<(Recommendations, String, String)> {
    let format = format_of(&path, format)?;
    let (options, context) = settings(lenient, session, position_date)?;
    let (mut records, format) =
        upr::format::recommendations_path(&path, Some(format), &options, &context).map_err(err)?;
    let items = records
        .by_ref()
        .collect::<upr::Result<Vec<_>>>()
        .map_err(err)?;
    let report = records.finish().map_err(err)?;
    Ok((
        Recommendations { items },
        json(&report)?,
        format.name().to_owned(),
    ))
}

/// A file's recommendations read a batch at a time (`upr.stream`): memory holds one batch.
#[pyclass(module = "upr._upr")]
struct Stream {
    /// (in a mutex: Python may hand the object to another thread)
    records: std::sync::Mutex<AnyRecommendations>,
    format: Format,
    /// The report, once the input is read to its end.
    report: Option<String>,
}

#[pymethods]
impl Stream {
    /// The next batch of at most `n` recommendations; empty once the input is read.
    fn next_batch(&mut self, n: usize) -> PyResult<Recommendations> {
        let mut items = Vec::with_capacity(n.min(1 << 16));
        if self.report.is_none() {
            let records = self.records.get_mut().unwrap_or_else(|e| e.into_inner());
            for r in records.by_ref().take(n.max(1)) {
                items.push(r.map_err(err)?);
            }
        }
        Ok(Recommendations { items })
    }

    /// The report as JSON, the rest of the input read first (its records dropped).
    fn finish(&mut self) -> PyResult<String> {
        if let Some(r) = &self.report {
            return Ok(r.clone());
        }
        let records = self.records.get_mut().unwrap_or_else(|e| e.into_inner());
        let report = json(&records.finish().map_err(err)?)?;
        self.report = Some(report.clone());
        Ok(report)
    }

    /// The format read.
    #[getter]
    fn format(&self) -> &'static str {
        self.format.name()
    }
}

/// Opens a file as a stream of recommendations (the library's `format::recommendations_path`).
#[pyfunction]
#[pyo3(signature = (path, format, lenient, session, position_date))]
fn stream(
    path: PathBuf,
    format: Option<&str>,
    lenient: bool,
    session: Option<u16>,
    position_date: Option<&str>,
) -> PyResult<Stream> {
    let format = format_of(&path, format)?;
    let (options, context) = settings(lenient, session, position_date)?;
    let (records, format) =
        upr::format::recommendations_path(&path, Some(format), &options, &context).map_err(err)?;
    Ok(Stream {
        records: std::sync::Mutex::new(records),
        format,
        report: None,
    })
}

/// Classifies a text: JSON `{"action_category": n|null, "issues": [...], "evidence": {...}}`.
#[pyfunction]
fn classify(text: &str) -> PyResult<String> {
    let c = Classifier::builtin().classify(text);
    json(&serde_json::json!({
        "action_category": c.action_category(),
        "issues": c.issues().map(|i| i.name()).collect::<Vec<_>>(),
        "evidence": {
            "action": c.action.as_ref().map(|a| &a.evidence),
            "issues": c.issues.iter().map(|l| (l.issue.name(), &l.evidence)).collect::<std::collections::BTreeMap<_, _>>(),
        },
    }))
}

/// The columns of the upr/1 CSV, in order (the flat rows' columns).
#[pyfunction]
fn recommendation_columns() -> Vec<&'static str> {
    upr1::RECOMMENDATION_COLUMNS.to_vec()
}

#[pymodule]
fn _upr(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Recommendations>()?;
    m.add_class::<Stream>()?;
    m.add_function(wrap_pyfunction!(dprk_recommendations, m)?)?;
    m.add_function(wrap_pyfunction!(dprk_info, m)?)?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(stream, m)?)?;
    m.add_function(wrap_pyfunction!(classify, m)?)?;
    m.add_function(wrap_pyfunction!(recommendation_columns, m)?)?;
    m.add("DATA_VERSION", upr::dataset::DATA_VERSION)?;
    Ok(())
}
