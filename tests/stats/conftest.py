"""Shared by the statistics tests: a small shop pack, a settable clock, and a
store on it under the test's private EXPANDER_HOME."""

from __future__ import annotations

import datetime as dt

import pytest

import expander
from expander.stats import UsageStore
from tests.conftest import WriteFile

PACK = """
[pack]
name = "shop"
version = "1.2.0"
language = "en"

[[snippets]]
id = "late"
trigger = ";late"
title = "Order late"
keywords = ["late", "parcel", "arrived"]
examples = ["Where is my parcel? It has not arrived yet."]
body = "Hello {name|there}, your parcel is on its way."

[[snippets]]
id = "refund"
trigger = ";ref"
title = "Refund status"
keywords = ["refund", "money back"]
examples = ["When do I get my money back for the return?"]
body = "Your refund was issued today."

[[snippets]]
id = "invoice"
trigger = ";inv"
title = "Invoice"
keywords = ["invoice", "VAT"]
examples = ["Can I get a VAT invoice?"]
body = "The invoice is attached."

[[snippets]]
id = "never"
trigger = ";never"
title = "Never used"
body = "Nobody sends this."
"""


class Day:
    """A settable clock for the day of each record."""

    def __init__(self, day: str = "2026-11-20") -> None:
        self.day = dt.date.fromisoformat(day)

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def lib(write: WriteFile) -> expander.Library:
    library = expander.load(write("shop.toml", PACK), include_bundled=False)
    assert library.problems == ()
    return library


@pytest.fixture
def day() -> Day:
    return Day()


@pytest.fixture
def store(day: Day, lib: expander.Library) -> UsageStore:
    opened = UsageStore.open(today=day)
    opened.use_library(lib)
    return opened
