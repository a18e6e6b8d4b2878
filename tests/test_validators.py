"""The validator helper: a missing npm validator skips its test, except in CI, where it fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import validators


def test_a_missing_validator_skips_outside_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validators, "MODULES", tmp_path)
    monkeypatch.setattr(validators, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception):
        validators.sarif_multitool()
    with pytest.raises(pytest.skip.Exception):
        validators.rdformat_validator()


def test_a_missing_validator_fails_in_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validators, "MODULES", tmp_path)
    monkeypatch.setattr(validators, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match="required in CI"):
        validators.sarif_multitool()
    with pytest.raises(pytest.fail.Exception, match="required in CI"):
        validators.rdformat_validator()
