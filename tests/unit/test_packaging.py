"""The build metadata: the forms setuptools keeps supporting (a license table stops building on 2027-02-18)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_license_is_an_spdx_expression_with_a_setuptools_that_reads_it():
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    assert config["project"]["license"] == "MIT"
    setuptools = next(Requirement(r) for r in config["build-system"]["requires"] if r.startswith("setuptools"))
    assert setuptools.specifier.contains("77.0.0") and not setuptools.specifier.contains("76.9")


def test_make_serve_takes_the_ports_from_port_and_form_port():
    import subprocess

    def dry_run(*variables: str) -> str:
        # --no-print-directory: under `make test` (CI) a nested make would add its "Leaving directory" line
        result = subprocess.run(["make", "--no-print-directory", "-n", "serve", *variables], cwd=PYPROJECT.parent,
                                capture_output=True, text=True, timeout=60, check=True)
        return result.stdout.strip().splitlines()[-1]

    assert dry_run().endswith("netvaerk serve --port 8866 --form-port 8867")
    assert dry_run("PORT=9000").endswith("netvaerk serve --port 9000 --form-port 9001")
    assert dry_run("PORT=9000", "FORM_PORT=9100").endswith("netvaerk serve --port 9000 --form-port 9100")
