"""The UN Universal Periodic Review as typed, sourced data, from Python.

The readers, tallies, classifier and embedded DPRK dataset of the ``upr`` Rust crate::

    >>> import upr
    >>> t = upr.Dataset.dprk().tally(by=["cycle"])
    >>> t.row("1")["accepted"], t.row("1")["immediately_rejected"]
    (81, 50)

Results convert to data frames with ``to_pandas()`` and ``to_polars()`` (pandas and polars are
optional: imported only when called).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from os import PathLike
from typing import Any, Dict, Iterator, List, Optional, Sequence, Union

from . import _upr

__all__ = [
    "DATA_VERSION",
    "Dataset",
    "Recommendations",
    "ReadResult",
    "Stream",
    "Tally",
    "Classification",
    "read",
    "stream",
    "classify",
]

#: The version of the embedded dataset (changes whenever its files do).
DATA_VERSION: str = _upr.DATA_VERSION


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_pandas() needs pandas: pip install pandas") from e
    return pandas


def _polars():
    try:
        import polars
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_polars() needs polars: pip install polars") from e
    return polars


# Columns of the flat rows that are numbers (nullable where a cell may be empty); every other
# column is text, with an empty cell as a missing value. The columns themselves (names, order)
# come from the crate's upr/1 CSV row, so the CSV export and the data frames never differ.
_INT_COLUMNS = ("cycle", "session", "action_category")
_PARAGRAPH_MARK = "¶"


def _flat(row: Dict[str, str]) -> Dict[str, Any]:
    """One upr/1 CSV row (all text) as a flat record: empty cells are ``None``, the number
    columns are ``int``; ``paragraph`` is text without the CSV's ``¶`` mark (the mark is there
    for readers that guess types; the data frames type the column as text)."""
    out: Dict[str, Any] = {}
    for k, v in row.items():
        if v == "":
            out[k] = None
        elif k in _INT_COLUMNS:
            out[k] = int(v)
        elif k == "paragraph":
            out[k] = v.removeprefix(_PARAGRAPH_MARK)
        else:
            out[k] = v
    return out


class Recommendations(Sequence[Dict[str, Any]]):
    """Recommendations (held natively); each item is its upr/1 JSON record as a ``dict``."""

    def __init__(self, native: "_upr.Recommendations") -> None:
        self._native = native
        self._records: Optional[List[Dict[str, Any]]] = None

    def _all(self) -> List[Dict[str, Any]]:
        if self._records is None:
            self._records = [json.loads(line) for line in self._native.to_jsonl().splitlines()]
        return self._records

    def __len__(self) -> int:
        return len(self._native)

    def __getitem__(self, i):  # type: ignore[override]
        return self._all()[i]

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        return iter(self._all())

    def tally(
        self,
        by: Sequence[str] = (),
        convention: str = "five_way",
        as_of: Optional[str] = None,
        partial: str = "as_accepted",
        unit: str = "paragraph",
        classify: bool = False,
    ) -> "Tally":
        """Counts responses grouped by ``by`` (``cycle``, ``state_under_review``,
        ``recommending_state``, ``recommender_group``, ``status``, ``action_category``,
        ``issue_family``, ``issue``) under a counting ``convention`` (``five_way``, ``ohchr``,
        ``upr_info``, ``upr_info_summary_2014``), as of a day (``YYYY-MM-DD``) if given.
        ``classify=True`` labels with the crate's classifier instead of the human labels.
        ``unit`` is what one count is: ``"paragraph"`` (a numbered recommendation, as the UN
        counts) or ``"part"`` (each part of a clustered paragraph, with its own text and
        recommending States). A part made jointly by several States counts once in either unit;
        ``by="recommending_state"`` counts it once per State, as UPR Info's rows do."""
        if isinstance(by, str):
            by = [by]
        raw = self._native.tally(list(by), convention, partial, as_of, classify, unit)
        return Tally(json.loads(raw))

    def to_csv(self) -> str:
        """The upr/1 CSV text."""
        return self._native.to_csv()

    def to_jsonl(self) -> str:
        """The upr/1 JSON lines."""
        return self._native.to_jsonl()

    def to_records(self) -> List[Dict[str, Any]]:
        """Flat rows, the columns of the upr/1 CSV (names and regional groups beside the codes,
        the latest status, stage and date beside the history): see :func:`to_pandas`."""
        return [_flat(r) for r in json.loads(self._native.to_rows())]


    def to_pandas(self):
        """A pandas DataFrame, one row per recommendation, with the upr/1 CSV's columns: text
        columns are pandas ``string`` (missing values ``<NA>``, never the float ``NaN``),
        ``cycle``, ``session`` and ``action_category`` nullable ``Int64``."""
        pd = _pandas()
        records = self.to_records()
        df = pd.DataFrame(records, columns=_upr.recommendation_columns())
        return df.astype({c: ("Int64" if c in _INT_COLUMNS else "string") for c in df.columns})

    def to_polars(self):
        """A polars DataFrame, one row per recommendation, with the upr/1 CSV's columns: text
        columns ``String``, ``cycle``, ``session`` and ``action_category`` ``Int64`` (missing
        values null)."""
        pl = _polars()
        columns = _upr.recommendation_columns()
        schema = {c: (pl.Int64 if c in _INT_COLUMNS else pl.String) for c in columns}
        return pl.DataFrame(self.to_records(), schema=schema)


@dataclass
class Tally:
    """A tally: ``rows`` (one ``dict`` per key: the key columns, each bucket's count, ``total``,
    ``accepted`` and ``not_accepted`` as ``[numerator, denominator]``) and ``total`` (all rows)."""

    raw: Dict[str, Any]
    dimensions: List[str] = field(init=False)
    buckets: List[str] = field(init=False)
    rows: List[Dict[str, Any]] = field(init=False)
    total: Dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        self.dimensions = list(self.raw["dimensions"])
        self.buckets = list(self.raw["buckets"])
        self.rows = [self._row(r) for r in self.raw["rows"]]
        self.total = self._row(self.raw["all"], key=["all"] * len(self.dimensions))

    def _row(self, r: Dict[str, Any], key: Optional[List[str]] = None) -> Dict[str, Any]:
        out: Dict[str, Any] = dict(zip(self.dimensions, key if key is not None else r["key"]))
        counts = r["counts"]
        for b in self.buckets:
            out[b] = counts.get(b, 0)
        out["total"] = r["total"]
        out["accepted_share"] = _share(r["accepted"])
        out["not_accepted_share"] = _share(r["not_accepted"])
        return out

    def row(self, *key: str) -> Optional[Dict[str, Any]]:
        """The row of a key (``t.row("1")`` for cycle 1), or ``None``."""
        for r in self.rows:
            if [r[d] for d in self.dimensions] == list(key):
                return r
        return None

    def to_pandas(self):
        """The rows as a pandas DataFrame (key columns as text)."""
        pd = _pandas()
        return pd.DataFrame(self.rows).astype({d: "string" for d in self.dimensions})

    def to_polars(self):
        """The rows as a polars DataFrame (key columns as text)."""
        pl = _polars()
        return pl.DataFrame(self.rows, schema_overrides={d: pl.String for d in self.dimensions})


def _share(ratio: Any) -> Optional[float]:
    """A ratio as the crate serialises it, as a float (``None`` for 0/0)."""
    if isinstance(ratio, dict):
        n, d = ratio.get("numerator"), ratio.get("denominator")
    elif isinstance(ratio, (list, tuple)) and len(ratio) == 2:
        n, d = ratio
    else:
        return None
    return None if not d else n / d


@dataclass
class ReadResult:
    """What a reader read: the recommendations, the report (``problems``: every record skipped or
    repaired, with location, action, reason, found) and the format read."""

    recommendations: Recommendations
    report: Dict[str, Any]
    format: str

    @property
    def problems(self) -> List[Dict[str, Any]]:
        """Every record skipped or repaired."""
        return list(self.report.get("problems", []))


def read(
    path: Union[str, "PathLike[str]"],
    format: Optional[str] = None,
    strict: bool = True,
    session: Optional[int] = None,
    position_date: Optional[str] = None,
) -> ReadResult:
    """Reads a file in any format the crate reads (``upr-info``, ``uhri``, ``matrix``,
    ``wg-report``, ``upr1-csv``, ``upr1-json``, ``upr1-jsonl``; detected from the content when
    ``format`` is ``None``).

    Strict (the default): the first bad record raises ``ValueError`` naming the file and the
    line or record. ``strict=False``: bad records are skipped and listed in the report.
    UHRI input needs ``session``, the Working Group session; a Working Group report takes it
    only where its text names none. The same records and report as ``stream`` (one dispatch by
    format, the library's)."""
    native, report, fmt = _upr.read(str(path), format, not strict, session, position_date)
    return ReadResult(Recommendations(native), json.loads(report), fmt)


class Stream(Iterator[Dict[str, Any]]):
    """A file's recommendations read one batch at a time, so memory holds one batch however
    large the file (``upr.stream``). Iterating gives each recommendation's upr/1 record as a
    ``dict``; ``batches()`` gives ``Recommendations`` (to tally or convert to a data frame batch
    by batch). ``report`` is the reader's report, the rest of the file read first if needed."""

    def __init__(self, native: "_upr.Stream", batch: int) -> None:
        self._native = native
        self._batch = max(1, batch)
        self._pending: Iterator[Dict[str, Any]] = iter(())
        self._report: Optional[Dict[str, Any]] = None

    @property
    def format(self) -> str:
        """The format read."""
        return self._native.format

    def batches(self, size: Optional[int] = None) -> Iterator[Recommendations]:
        """The recommendations not yet read, ``size`` (default: the stream's batch) at a time."""
        while True:
            native = self._native.next_batch(size or self._batch)
            if len(native) == 0:
                return
            yield Recommendations(native)

    def __iter__(self) -> "Stream":
        return self

    def __next__(self) -> Dict[str, Any]:
        for r in self._pending:
            return r
        native = self._native.next_batch(self._batch)
        if len(native) == 0:
            raise StopIteration
        self._pending = iter(Recommendations(native))
        return next(self._pending)

    @property
    def report(self) -> Dict[str, Any]:
        """The report (records read, every record skipped or repaired), once the file is read
        to its end: the records not yet read are read (and dropped) first."""
        if self._report is None:
            self._report = json.loads(self._native.finish())
        return self._report

    @property
    def problems(self) -> List[Dict[str, Any]]:
        """Every record skipped or repaired."""
        return list(self.report.get("problems", []))


def stream(
    path: Union[str, "PathLike[str]"],
    format: Optional[str] = None,
    strict: bool = True,
    session: Optional[int] = None,
    position_date: Optional[str] = None,
    batch: int = 10_000,
) -> Stream:
    """``read``, one batch of ``batch`` recommendations at a time: the UPR Info and UHRI exports
    and the upr/1 forms stream (memory does not grow with the file); a Working Group report or a
    matrix (one review each) is read when opened. The same records and report as ``read``.
    Strict: the first bad record raises ``ValueError`` when the iteration reaches it."""
    native = _upr.stream(str(path), format, not strict, session, position_date)
    return Stream(native, batch)


class Dataset:
    """An embedded dataset."""

    def __init__(self, recommendations: Recommendations, info: Dict[str, Any]) -> None:
        self.recommendations = recommendations
        self.data_version: str = info["data_version"]
        self.sources: List[Dict[str, Any]] = info["sources"]
        self.disagreements: List[Dict[str, Any]] = info["disagreements"]

    @staticmethod
    def dprk() -> "Dataset":
        """The DPRK's reviews: the 167 + 268 recommendations of its first two cycles with their
        response histories, the sources, and where published figures disagree."""
        return Dataset(Recommendations(_upr.dprk_recommendations()), json.loads(_upr.dprk_info()))

    def tally(self, *args: Any, **kwargs: Any) -> Tally:
        """As :meth:`Recommendations.tally` over the dataset's recommendations."""
        return self.recommendations.tally(*args, **kwargs)


@dataclass
class Classification:
    """The classifier's labels of a text: McMahon's ``action_category`` (1-5, ``None`` when no
    action rule matched), UPR Info's ``issues``, and the ``evidence``: for the action and each
    issue, the matched phrases with byte spans (``start``, ``end``) and the rule (file and line)."""

    action_category: Optional[int]
    issues: List[str]
    evidence: Dict[str, Any]


def classify(text: str) -> Classification:
    """Labels a recommendation's text with the crate's built-in rules."""
    d = json.loads(_upr.classify(text))
    return Classification(d["action_category"], d["issues"], d["evidence"])
