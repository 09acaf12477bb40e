//! Any input the crate reads, as one stream of recommendations: what a tool that takes files of
//! every format (the `upr` command, the Python package) opens them with.

use std::io::Read;
use std::path::Path;

use super::{
    Context, Format, FromParsed, ReadOptions, RecordStream, ohchr_matrix, uhri, upr_info, upr1,
    wg_report,
};
use crate::{Error, Recommendation, Result};

/// Recommendations from an input of any [`Format`], one at a time, with the report at the end
/// ([`RecordStream::finish`]).
pub type AnyRecommendations =
    Box<dyn RecordStream<Record = Recommendation, Item = Result<Recommendation>> + Send>;

/// UHRI records in either layout.
type UhriRecords =
    Box<dyn RecordStream<Record = uhri::UhriRecord, Item = Result<uhri::UhriRecord>> + Send>;

/// How much of a file detection reads.
const HEAD: u64 = 64 * 1024;

/// The first [`HEAD`] bytes of a file.
fn head(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(HEAD).read_to_end(&mut bytes))
        .map_err(|e| Error::read(path, e))?;
    Ok(bytes)
}

impl Format {
    /// The format of a file, from its first 64 KiB ([`Format::detect`]); `None` when it looks
    /// like none of them.
    ///
    /// # Errors
    /// [`Error::Io`] naming the path when it cannot be read.
    pub fn detect_path(path: impl AsRef<Path>) -> Result<Option<Format>> {
        Ok(Format::detect(&head(path.as_ref())?))
    }
}

/// The recommendations of a file in `format` (detected from its content when `None`), one at a
/// time, and the format read: the records and the report of that format's
/// `read_recommendations_path`, under the same options and context. The formats that read a
/// whole document at once (a Working Group report, a matrix: one review each) are read when
/// opened; the others stream, so memory does not grow with the file.
///
/// ```no_run
/// use upr::format::{self, Context, ReadOptions, RecordStream};
///
/// let (mut recs, format) =
///     format::recommendations_path("sessions-6-9.csv", None, &ReadOptions::lenient(), &Context::new())?;
/// let texts = recs.by_ref().filter_map(Result::ok).filter(|r| r.text().contains("torture")).count();
/// let report = recs.finish()?;
/// println!("{format}: {texts} of {} mention torture; {} skipped", report.records, report.skipped().count());
/// # Ok::<(), upr::Error>(())
/// ```
///
/// # Errors
/// [`Error::Io`] when the file cannot be opened; [`Error::Parse`] when `format` is `None` and
/// the content looks like none of the formats; what the format's reader returns when it opens
/// (a UHRI input needs [`Context::session`], the Working Group session).
pub fn recommendations_path(
    path: impl AsRef<Path>,
    format: Option<Format>,
    options: &ReadOptions,
    context: &Context,
) -> Result<(AnyRecommendations, Format)> {
    let path = path.as_ref();
    // The file's head, read once: for detection, and to tell UHRI's two layouts apart.
    let mut head_read = None;
    let format = match format {
        Some(f) => f,
        None => {
            let bytes = head(path)?;
            let detected = Format::detect(&bytes);
            head_read = Some(bytes);
            detected.ok_or_else(|| {
                super::parse_error(
                    &options.named_after(path),
                    crate::Location::Whole,
                    format!(
                        "an input in one of the formats upr reads ({})",
                        Format::ALL.map(Format::name).join(", ")
                    ),
                    "none of them (name the format)",
                )
            })?
        }
    };
    let whole =
        |p: crate::Parsed<Recommendation>| -> AnyRecommendations { Box::new(FromParsed::from(p)) };
    let records: AnyRecommendations = match format {
        Format::UprInfo => Box::new(upr_info::recommendations_path(path, options, context)?),
        Format::Uhri => {
            let bytes = match head_read {
                Some(b) => b,
                None => head(path)?,
            };
            let text = String::from_utf8_lossy(&bytes);
            let options = options.named_after(path);
            // The JSON layout or the CSV one, told as the whole-input reader tells them.
            let records: UhriRecords = if uhri::is_json(text.trim_start_matches('\u{feff}')) {
                Box::new(uhri::json_records_path(path, &options)?)
            } else {
                Box::new(uhri::records_path(path, &options)?)
            };
            Box::new(uhri::Recommendations::new(records, &options, context)?)
        }
        Format::Matrix => whole(ohchr_matrix::read_recommendations_path(
            path, options, context,
        )?),
        Format::WgReport => whole(wg_report::read_recommendations_path(
            path, options, context,
        )?),
        Format::Upr1Csv => Box::new(upr1::csv::recommendations_path(path, options)?),
        Format::Upr1Json => Box::new(upr1::json::recommendations_path(path, options)?),
        Format::Upr1JsonLines => Box::new(upr1::json::recommendation_lines_path(path, options)?),
    };
    Ok((records, format))
}
