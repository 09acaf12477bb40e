"""Type stubs of the native module ``upr._upr`` (use the ``upr`` package's API instead)."""

from typing import Optional, Tuple

DATA_VERSION: str

class Recommendations:
    def __len__(self) -> int: ...
    def to_jsonl(self) -> str: ...
    def to_csv(self) -> str: ...
    def tally(
        self,
        by: list[str],
        convention: str,
        partial: str,
        as_of: Optional[str],
        classify: bool,
        unit: str,
    ) -> str: ...

def dprk_recommendations() -> Recommendations: ...
def dprk_info() -> str: ...
def read(
    path: str,
    format: Optional[str],
    lenient: bool,
    session: Optional[int],
    position_date: Optional[str],
) -> Tuple[Recommendations, str, str]: ...
def classify(text: str) -> str: ...
