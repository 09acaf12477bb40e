from os import PathLike
from typing import Any, Dict, Iterator, List, Optional, Sequence, Union, overload

import pandas
import polars

from . import _upr

DATA_VERSION: str

class Recommendations(Sequence[Dict[str, Any]]):
    def __init__(self, native: _upr.Recommendations) -> None: ...
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, i: int) -> Dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> List[Dict[str, Any]]: ...
    def __iter__(self) -> Iterator[Dict[str, Any]]: ...
    def tally(
        self,
        by: Sequence[str] = ...,
        convention: str = ...,
        as_of: Optional[str] = ...,
        partial: str = ...,
        unit: str = ...,
        classify: bool = ...,
    ) -> Tally: ...
    def to_csv(self) -> str: ...
    def to_jsonl(self) -> str: ...
    def to_records(self) -> List[Dict[str, Any]]: ...
    def to_pandas(self) -> pandas.DataFrame: ...
    def to_polars(self) -> polars.DataFrame: ...

class Tally:
    raw: Dict[str, Any]
    dimensions: List[str]
    buckets: List[str]
    rows: List[Dict[str, Any]]
    total: Dict[str, Any]
    def __init__(self, raw: Dict[str, Any]) -> None: ...
    def row(self, *key: str) -> Optional[Dict[str, Any]]: ...
    def to_pandas(self) -> pandas.DataFrame: ...
    def to_polars(self) -> polars.DataFrame: ...

class ReadResult:
    recommendations: Recommendations
    report: Dict[str, Any]
    format: str
    def __init__(self, recommendations: Recommendations, report: Dict[str, Any], format: str) -> None: ...
    @property
    def problems(self) -> List[Dict[str, Any]]: ...

def read(
    path: Union[str, PathLike[str]],
    format: Optional[str] = ...,
    strict: bool = ...,
    session: Optional[int] = ...,
    position_date: Optional[str] = ...,
) -> ReadResult: ...

class Stream(Iterator[Dict[str, Any]]):
    @property
    def format(self) -> str: ...
    def batches(self, size: Optional[int] = ...) -> Iterator[Recommendations]: ...
    def __iter__(self) -> Stream: ...
    def __next__(self) -> Dict[str, Any]: ...
    @property
    def report(self) -> Dict[str, Any]: ...
    @property
    def problems(self) -> List[Dict[str, Any]]: ...

def stream(
    path: Union[str, PathLike[str]],
    format: Optional[str] = ...,
    strict: bool = ...,
    session: Optional[int] = ...,
    position_date: Optional[str] = ...,
    batch: int = ...,
) -> Stream: ...

class Dataset:
    recommendations: Recommendations
    data_version: str
    sources: List[Dict[str, Any]]
    disagreements: List[Dict[str, Any]]
    def __init__(self, recommendations: Recommendations, info: Dict[str, Any]) -> None: ...
    @staticmethod
    def dprk() -> Dataset: ...
    def tally(
        self,
        by: Sequence[str] = ...,
        convention: str = ...,
        as_of: Optional[str] = ...,
        partial: str = ...,
        unit: str = ...,
        classify: bool = ...,
    ) -> Tally: ...

class Classification:
    action_category: Optional[int]
    issues: List[str]
    evidence: Dict[str, Any]
    def __init__(self, action_category: Optional[int], issues: List[str], evidence: Dict[str, Any]) -> None: ...

def classify(text: str) -> Classification: ...
