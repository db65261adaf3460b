"""The type checker `make test` runs (mypy, configured in pyproject.toml) reports what a test may miss: a
dataclass built with a field of the wrong type, even in a function without annotations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_type_checker_reports_a_mistyped_dataclass_field(tmp_path: Path) -> None:
    module = tmp_path / "mistyped.py"
    module.write_text(
        "from geo.model import Candidate\n"
        "\n"
        "\n"
        "def unannotated():\n"
        "    return Candidate('test:1', 'Example', 'city', None, None, '12.5', 45.0, 1.0)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        # a cache of its own: the project's cache would answer for an earlier test's file of the same name
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            "pyproject.toml",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(module),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        f'{module}:5: error: Argument 6 to "Candidate" has incompatible type "str"; expected "float"  [arg-type]'
        in done.stdout
    ), done.stdout
