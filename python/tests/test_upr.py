"""The upr Python package over the embedded dataset and ../shared/data."""

import csv
import io
import json
import os
from pathlib import Path

import pytest

import upr

SHARED = Path(os.environ.get("UPR_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
DATA = SHARED / "data"
REQUIRED = bool(os.environ.get("CI") or os.environ.get("UPR_REQUIRE_SHARED"))


def data(rel: str) -> Path:
    p = DATA / rel
    if not p.exists():
        if REQUIRED:
            pytest.fail(f"the shared corpus is required but {p} is missing; set UPR_SHARED")
        pytest.skip(f"SKIPPED: {p} not found; set UPR_SHARED")
    return p


def test_dprk_by_cycle_is_the_five_way_count():
    t = upr.Dataset.dprk().tally(by=["cycle"])
    row = t.row("1")
    assert [row[b] for b in ["accepted", "partially_accepted", "noted", "rejected", "immediately_rejected"]] == [81, 6, 15, 15, 50]
    assert row["total"] == 167
    assert t.row("2")["accepted"] == 113


def test_conventions_and_as_of():
    d = upr.Dataset.dprk()
    t = d.tally(by="cycle", convention="upr_info_summary_2014")
    assert (t.row("1")["accepted"], t.row("1")["rejected"], t.row("1")["pending"]) == (87, 65, 15)
    t = d.tally(by=["cycle"], as_of="2010-03-18")
    assert t.row("1")["accepted"] == 0 and t.row("1")["immediately_rejected"] == 50
    with pytest.raises(ValueError, match='unknown unit "sentence"'):
        d.tally(unit="sentence")
    with pytest.raises(ValueError, match='unknown dimension "colour"'):
        d.tally(by=["colour"])


def test_tally_by_paragraph_or_by_part():
    """Egypt 2014 clusters paragraphs: 300 numbered recommendations (A/HRC/28/2's "out of 300
    received"); the part unit counts each part of a cluster once, however many States made it."""
    recs = upr.read(data("wg-reports/egypt2014.txt")).recommendations
    paragraphs = recs.tally(unit="paragraph")
    parts = recs.tally(unit="part")
    assert paragraphs.total["total"] == len(recs) == 300
    assert parts.total["total"] > paragraphs.total["total"]
    assert parts.raw["unit"] == "part" and "unit" not in paragraphs.raw
    # the DPRK's paragraphs are not clustered: both units agree
    d = upr.Dataset.dprk()
    assert d.tally(unit="part").total["total"] == d.tally().total["total"]
    # a joint recommendation: once per unit, once per State by recommending_state
    smr = upr.read(data("wg-reports/sanmarino2014.txt")).recommendations
    for unit in ("paragraph", "part"):
        t = smr.tally(unit=unit, by="recommending_state")
        assert sum(r["total"] for r in t.rows) > t.total["total"] == len(smr)


def test_dataset_records():
    d = upr.Dataset.dprk()
    # cycles 1 and 2 in full, and the third review's partial list (seed 000: 7 + 11)
    assert len(d.recommendations) == 435 + 18
    assert d.recommendations[0]["state_under_review"] == "PRK"
    assert d.sources and d.data_version == upr.DATA_VERSION


def test_tally_to_data_frames():
    t = upr.Dataset.dprk().tally(by=["cycle"])
    pdf = t.to_pandas()
    assert list(pdf["cycle"]) == ["1", "2", "3"]
    assert int(pdf.loc[pdf["cycle"] == "1", "accepted"].iloc[0]) == 81
    pl = t.to_polars()
    assert pl.filter(pl["cycle"] == "1")["accepted"].to_list() == [81]


def test_recommendations_to_data_frames_keep_paragraphs():
    recs = upr.Dataset.dprk().recommendations
    pdf = recs.to_pandas()
    assert len(pdf) == 435 + 18
    assert "124.10" in set(pdf["paragraph"])
    pl = recs.to_polars()
    assert "124.10" in pl["paragraph"].to_list()
    assert pl["latest_status"].null_count() == 0


def test_data_frames_have_the_csv_columns_and_no_float_labels():
    """Every column of the upr/1 CSV, names and regional groups beside the codes; label columns
    with gaps stay integers / text with missing values, never floats with NaN."""
    import pandas as pd
    import polars as pl

    recs = upr.read(data("upr-info/sessions-6-9.csv")).recommendations
    pdf = recs.to_pandas()
    assert list(pdf.columns) == upr._upr.recommendation_columns()
    assert {"state_under_review_name", "recommending_names", "recommending_groups"} <= set(pdf.columns)
    assert str(pdf["action_category"].dtype) == "Int64" and str(pdf["paragraph"].dtype) == "string"
    assert str(pdf["issues"].dtype) == "string" and str(pdf["cycle"].dtype) == "Int64"
    assert not any(str(pdf[c].dtype).startswith("float") for c in pdf.columns)
    assert pdf["action_category"].isna().sum() < len(pdf)  # labelled rows keep their category
    first = pdf.iloc[0]
    assert len(first["recommending"].split(";")) == len(first["recommending_groups"].split(";"))
    pldf = recs.to_polars()
    assert pldf.columns == list(pdf.columns) and pldf.height == len(pdf)
    assert pldf["action_category"].dtype == pl.Int64 and pldf["paragraph"].dtype == pl.String
    # the same counts either way
    assert int(pdf["action_category"].count()) == pldf["action_category"].count()


def test_classifier_with_evidence():
    c = upr.classify("Ratify the Optional Protocol to the Convention against Torture")
    assert c.action_category == 5
    assert c.issues
    ev = c.evidence["action"][0]
    assert {"phrase", "start", "end", "rule"} <= set(ev)


def test_read_strict_and_lenient():
    r = upr.read(data("wg-reports/democraticpeoplesrepublicofkorea2010.txt"))
    assert r.format == "wg-report"
    assert len(r.recommendations) == 167
    r = upr.read(data("upr-info/sessions-6-9.csv"))
    assert r.format == "upr-info" and len(r.recommendations) == 8224  # 8343 rows, joint ones merged
    r = upr.read(data("uhri/egypt-cycle2.csv"), session=20)
    assert len(r.recommendations) == 300
    # UPR Info's Accepted/Noted carries no date: each is an undated position, so it counts in
    # a tally without as_of; the count is checked against the file's own Response column.
    path = data("upr-info/sessions-1-5.csv")
    recs = upr.read(path).recommendations
    t = recs.tally(by=["action_category"], convention="upr_info")
    assert t.raw["no_response"] == 0 and t.total["total"] == len(recs)
    text = path.read_bytes().decode("mac_roman").replace("\r\n", "\n").replace("\r", "\n")
    expected, prev = {"Accepted": 0, "Noted": 0}, None
    for row in csv.DictReader(io.StringIO(text)):
        key = (row["To"], row["Session"], row["Response"], row["Text"].split())
        if key != prev:  # consecutive rows of one joint recommendation are one recommendation
            expected[row["Response"]] += 1
        prev = key
    assert (t.total["accepted"], t.total["noted"]) == (expected["Accepted"], expected["Noted"])


def test_strict_errors_name_the_file_and_record(tmp_path):
    bad = tmp_path / "bad.csv"
    header = "state_under_review,recommending,cycle,session,paragraph,document,text,source,latest_status,latest_stage,latest_date,responses,labeller,action_category,issues"
    bad.write_text(header + "\nXXX,,1,6,,,t,s,,,,,,,\n")
    with pytest.raises(ValueError, match="bad.csv: record 1"):
        upr.read(bad)
    r = upr.read(bad, strict=False)
    assert len(r.recommendations) == 0 and len(r.problems) == 1


def test_stream_gives_what_read_gives_a_batch_at_a_time(tmp_path):
    path = data("upr-info/sessions-6-9.csv")
    whole = upr.read(path)
    s = upr.stream(path, batch=1000)
    assert s.format == "upr-info"
    batches = list(s.batches())
    assert [len(b) for b in batches[:2]] == [1000, 1000] and sum(map(len, batches)) == 8224
    assert [r for b in batches for r in b] == list(whole.recommendations)
    assert s.report["records"] == whole.report["records"] == 8224
    assert s.problems == whole.problems
    # a corrupted copy: strict raises when the iteration reaches the bad record, lenient skips it
    raw = path.read_bytes()
    at = [i for i, b in enumerate(raw) if b == 13][4000]
    bad = tmp_path / "bad69.csv"
    bad.write_bytes(raw[: at + 1] + b"Nowhere,,,x,Canada,WEOG,,Accepted,3,General,6\r" + raw[at + 1 :])
    strict = upr.stream(bad)
    with pytest.raises(ValueError, match="record 4001"):
        for _ in strict:
            pass
    lenient = upr.stream(bad, strict=False, batch=333)
    assert sum(1 for _ in lenient) == 8224
    skipped = [p for p in lenient.problems if str(p["action"]).lower() == "skipped"]
    assert len(skipped) == 1 and "4001" in json.dumps(skipped[0]), skipped

def test_read_and_stream_take_the_session_a_working_group_report_lacks(tmp_path):
    """A report whose text names no Working Group session: both take ``session=``."""
    raw = data("wg-reports/democraticpeoplesrepublicofkorea2010.txt").read_bytes()
    bare = raw.replace(b"WG.6/", b"WG.x/").replace(b"held its", b"held a")
    assert bare != raw
    path = tmp_path / "dprk-no-session.txt"
    path.write_bytes(bare)
    with pytest.raises(ValueError, match="no Working Group session"):
        upr.read(path, format="wg-report")
    r = upr.read(path, format="wg-report", session=6)
    s = upr.stream(path, format="wg-report", session=6)
    streamed = list(s)
    assert len(r.recommendations) == len(streamed) == 167
    assert list(r.recommendations) == streamed
    assert {rec["session"] for rec in streamed} == {6}
    assert r.report == s.report


def test_upr1_csv_export_loads_in_pandas_and_polars_by_default(tmp_path):
    """The upr/1 CSV read with no options: paragraphs stay text (124.10 is not 124.1)."""
    import pandas as pd
    import polars as pl

    recs = upr.read(data("wg-reports/democraticpeoplesrepublicofkorea2014.txt")).recommendations
    path = tmp_path / "dprk2014.csv"
    path.write_text(recs.to_csv(), encoding="utf-8")
    for pdf in (pd.read_csv(path), pd.read_csv(path, dtype=str, keep_default_na=False)):
        assert len(pdf) == 268
        assert {"¶124.10", "¶124.1"} <= set(pdf["paragraph"])
        assert pdf["paragraph"].nunique() == 268
        assert set(pdf["latest_status"]) == {"pending"} or pdf["latest_status"].notna().all()
    pldf = pl.read_csv(path)
    assert pldf.height == 268 and pldf["paragraph"].dtype == pl.String
    assert pldf["paragraph"].n_unique() == 268 and "¶124.10" in pldf["paragraph"].to_list()
    # the written CSV reads back, and a paragraph without the mark (older files) too
    back = upr.read(path)
    assert back.format == "upr1-csv" and len(back.recommendations) == 268
    assert "124.10" in {r["paragraph"] for r in back.recommendations}
    # names and regional groups beside the codes
    pdf = pd.read_csv(path, dtype=str, keep_default_na=False)
    first = pdf.iloc[0]
    assert first["state_under_review_name"] == "Democratic People's Republic of Korea"
    codes, names, groups = (first[c].split(";") for c in ("recommending", "recommending_names", "recommending_groups"))
    assert len(codes) == len(names) == len(groups) >= 1
    assert set(pdf["recommending_groups"].str.split(";").explode()) <= {"Africa", "Asia", "EEG", "GRULAC", "WEOG", "Observer"}
