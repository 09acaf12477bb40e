//! Tables of a Word document (`.docx`): the zip container's `word/document.xml`, read with
//! `zip` and `quick-xml`, as rows of cells of paragraphs of lines.
//!
//! Word keeps a cell's text in paragraphs (`<w:p>`) of runs (`<w:r>`) of text (`<w:t>`); a line
//! break inside a paragraph is `<w:br/>` (OHCHR's matrices separate the recommending States in
//! one cell that way), a tab `<w:tab/>`. A cell merged across columns (`<w:gridSpan>`) is one
//! cell. Tables nested in a cell are read as text of that cell.

use std::io::Read;

use quick_xml::events::Event;

use crate::{Error, Location, ParseError, Result};

/// A table: its rows in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Table {
    pub(crate) rows: Vec<Row>,
}

/// A table row: its cells, and the byte offset in `word/document.xml` where it starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) cells: Vec<Cell>,
    pub(crate) offset: usize,
}

/// A cell: its paragraphs, each a list of lines (split at `<w:br/>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cell {
    pub(crate) paragraphs: Vec<Vec<String>>,
}

impl Cell {
    /// Every line of every paragraph, trimmed, empty ones left out.
    pub(crate) fn lines(&self) -> impl Iterator<Item = &str> {
        self.paragraphs
            .iter()
            .flatten()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
    }

    /// The cell's text: paragraphs and lines joined with `\n`.
    pub(crate) fn text(&self) -> String {
        self.lines().collect::<Vec<_>>().join("\n")
    }
}

fn parse_error(input: &str, location: Location, expected: &str, found: String) -> Error {
    Error::Parse(ParseError {
        input: input.to_owned(),
        location,
        expected: expected.to_owned(),
        found: crate::format::excerpt(&found),
    })
}

/// The XML of the document's body.
pub(crate) fn document_xml(bytes: &[u8], input: &str) -> Result<String> {
    let expected = "a Word document (.docx: a zip archive holding word/document.xml)";
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| parse_error(input, Location::Whole, expected, e.to_string()))?;
    let mut file = archive
        .by_name("word/document.xml")
        .map_err(|e| parse_error(input, Location::Whole, expected, e.to_string()))?;
    let mut xml = String::new();
    file.read_to_string(&mut xml)
        .map_err(|e| parse_error(input, Location::Whole, expected, e.to_string()))?;
    Ok(xml)
}

/// The text of the page headers (`word/header*.xml`), one string each, runs joined.
pub(crate) fn header_texts(bytes: &[u8], input: &str) -> Result<Vec<String>> {
    let expected = "a Word document (.docx: a zip archive holding word/document.xml)";
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| parse_error(input, Location::Whole, expected, e.to_string()))?;
    let mut names: Vec<String> = archive
        .file_names()
        .filter(|n| n.starts_with("word/header") && n.ends_with(".xml"))
        .map(str::to_owned)
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let mut xml = String::new();
        archive
            .by_name(&name)
            .and_then(|mut f| f.read_to_string(&mut xml).map_err(Into::into))
            .map_err(|e| parse_error(input, Location::Whole, expected, e.to_string()))?;
        out.push(text_of(&xml));
    }
    Ok(out)
}

/// The text runs (`<w:t>`) of a part, joined with spaces between paragraphs.
fn text_of(xml: &str) -> String {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut in_text = false;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::End(e) if e.name().as_ref() == "w:p" => out.push(' '),
            Event::Text(t) if in_text => out.push_str(&t.xml10_content()),
            Event::Eof => break,
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `bytes` start like a zip archive (a `.docx`).
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Every top-level table of the document, in order.
pub(crate) fn tables(bytes: &[u8], input: &str) -> Result<Vec<Table>> {
    let xml = document_xml(bytes, input)?;
    tables_in(&xml, input)
}

/// Where the reader is inside the document.
#[derive(Default)]
struct State {
    tables: Vec<Table>,
    /// Nesting depth of `<w:tbl>`.
    depth: usize,
    row: Option<Row>,
    cell: Option<Cell>,
    /// Inside `<w:t>`.
    in_text: bool,
}

impl State {
    fn line(&mut self) -> Option<&mut String> {
        let cell = self.cell.as_mut()?;
        if cell.paragraphs.is_empty() {
            cell.paragraphs.push(vec![String::new()]);
        }
        let p = cell.paragraphs.last_mut()?;
        if p.is_empty() {
            p.push(String::new());
        }
        p.last_mut()
    }

    fn start(&mut self, name: &str, offset: usize) {
        match name {
            "w:tbl" => {
                self.depth += 1;
                if self.depth == 1 {
                    self.tables.push(Table::default());
                }
            }
            "w:tr" if self.depth == 1 => {
                self.row = Some(Row {
                    cells: Vec::new(),
                    offset,
                })
            }
            "w:tc" if self.depth == 1 => self.cell = Some(Cell::default()),
            "w:p" => {
                if let Some(c) = self.cell.as_mut() {
                    c.paragraphs.push(vec![String::new()]);
                }
            }
            "w:t" => self.in_text = true,
            _ => {}
        }
    }

    fn empty(&mut self, name: &str) {
        match name {
            "w:br" | "w:cr" => {
                if let Some(p) = self.cell.as_mut().and_then(|c| c.paragraphs.last_mut()) {
                    p.push(String::new());
                }
            }
            "w:tab" => {
                if let Some(l) = self.line() {
                    l.push('\t');
                }
            }
            "w:p" => {
                if let Some(c) = self.cell.as_mut() {
                    c.paragraphs.push(vec![String::new()]);
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "w:tbl" => self.depth = self.depth.saturating_sub(1),
            "w:tr" if self.depth == 1 => {
                if let (Some(row), Some(t)) = (self.row.take(), self.tables.last_mut()) {
                    t.rows.push(row);
                }
            }
            "w:tc" if self.depth == 1 => {
                if let (Some(cell), Some(row)) = (self.cell.take(), self.row.as_mut()) {
                    row.cells.push(cell);
                }
            }
            "w:t" => self.in_text = false,
            _ => {}
        }
    }
}

/// The tables of a `word/document.xml`.
pub(crate) fn tables_in(xml: &str, input: &str) -> Result<Vec<Table>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut st = State::default();
    loop {
        let offset = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|e| {
            parse_error(
                input,
                Location::Byte(offset),
                "well-formed document XML",
                e.to_string(),
            )
        })?;
        match event {
            Event::Start(e) => st.start(e.name().as_ref(), offset),
            Event::Empty(e) => st.empty(e.name().as_ref()),
            Event::End(e) => st.end(e.name().as_ref()),
            Event::Text(t) if st.in_text => {
                let text = t.xml10_content();
                if let Some(l) = st.line() {
                    l.push_str(&text);
                }
            }
            Event::GeneralRef(r) if st.in_text => {
                let name: &str = r.as_ref();
                let c = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    n => n
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32),
                };
                if let (Some(c), Some(l)) = (c, st.line()) {
                    l.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(st.tables)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A `.docx` holding `document_xml`, made in memory.
    pub(crate) fn docx(document_xml: &str) -> Vec<u8> {
        use std::io::Write;
        let mut out = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut out);
        let o = zip::write::SimpleFileOptions::default();
        z.start_file("word/document.xml", o).unwrap();
        z.write_all(document_xml.as_bytes()).unwrap();
        z.finish().unwrap();
        out.into_inner()
    }

    const XML: &str = r#"<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>Title</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>115.1 Ratify &amp; act</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Source of position: </w:t></w:r><w:r><w:t>A/HRC/28/15/Add.1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Chile</w:t><w:br/><w:t>Estonia</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;

    #[test]
    fn cells_paragraphs_and_breaks() {
        let t = tables(&docx(XML), "m.docx").unwrap();
        assert_eq!(t.len(), 1);
        let row = &t[0].rows[0];
        assert_eq!(row.cells.len(), 2);
        assert_eq!(
            row.cells[0].text(),
            "115.1 Ratify & act\nSource of position: A/HRC/28/15/Add.1"
        );
        assert_eq!(
            row.cells[1].lines().collect::<Vec<_>>(),
            ["Chile", "Estonia"]
        );
    }

    #[test]
    fn errors_name_the_input() {
        let e = tables(b"not a zip", "m.docx").unwrap_err().to_string();
        assert!(
            e.starts_with("m.docx: input: expected a Word document (.docx: a zip archive holding word/document.xml)"),
            "{e}"
        );
        let bad = docx("<w:document><w:tbl><w:tr></w:tc></w:document>");
        let e = tables(&bad, "m.docx").unwrap_err().to_string();
        assert!(e.starts_with("m.docx: byte "), "{e}");
    }
}
