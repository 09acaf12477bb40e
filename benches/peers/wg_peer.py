"""The Working Group reader's peer: a plain Python regex splitter over Working Group reports.

For each report: decode Mac OS Roman (UTF-8 when valid), normalise line ends, find section II
("Conclusions and/or recommendations", not the table-of-contents line), stop at the closing
paragraph ("All conclusions ...") or the next section, and count the lines that start with a
dotted number (`124.1`). It resolves no States and reads no headings or run-on items: a crude
lower bound on the work upr does. Prints `report<TAB>count` per file and the total.

    python3 benches/peers/wg_peer.py ../shared/data/wg-reports/*.txt
"""

import re
import sys

START = re.compile(
    r"^\s*(?:[IiVv]{1,4}[. ]+)?conclusions\s+(?:and/or|and|or)\s+recommendations(?!.*(?:\.\.\.\.|\u2026|\d+\s*$))",
    re.IGNORECASE | re.MULTILINE,
)
END = re.compile(
    r"^\s*(?:\d+\.\s*all (?:the )?conclusions|[IVX]{2,}\.\s+[A-Z]|annex\s*$)",
    re.IGNORECASE | re.MULTILINE,
)
NUMBER = re.compile(r"^\s*\d{1,3}\.\d{1,4}\.?\s", re.MULTILINE)


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("mac_roman")


def count(text: str) -> int:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    start = START.search(text)
    if start is None:
        return 0
    end = END.search(text, start.end())
    section = text[start.end() : end.start() if end else len(text)]
    return len(NUMBER.findall(section))


def main(paths: list[str]) -> None:
    total = 0
    out = []
    for p in paths:
        with open(p, "rb") as f:
            n = count(decode(f.read()))
        total += n
        out.append(f"{p.rsplit('/', 1)[-1]}\t{n}")
    out.append(f"total\t{total}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
