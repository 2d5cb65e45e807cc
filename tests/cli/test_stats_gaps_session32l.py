"""``expander stats gaps`` lists the kept e-mails masked again with today's masker,
as ``stats export``, ``report`` and ``merge`` do (tests/cli/test_stats_remask_session31.py):
its ``--json`` is made to be passed on, and an e-mail kept by an older Expander
(whose masker let a disguised card or address through) must not show unmasked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import Cli
from tests.cli.test_stats import PACK, record
from tests.cli.test_stats_remask_session31 import (
    OLD_KEPT,
    assert_masked,
    keep_as_an_older_version_did,
)


@pytest.mark.parametrize("json", [False, True])
def test_gaps_mask_an_e_mail_kept_by_an_older_version(cli: Cli, tmp_path: Path, json: bool) -> None:
    pack = tmp_path / "shop.toml"
    pack.write_text(PACK, encoding="utf-8")
    record(pack)
    keep_as_an_older_version_did(OLD_KEPT)
    result = cli("stats", "gaps", *(["--json"] if json else []), "--limit", "20")
    assert result.code == 0
    assert_masked(result.out)
