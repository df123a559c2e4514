"""No secret in a log line: the servers cut query strings (?token=..., ?code=...) from every record."""

from __future__ import annotations

import subprocess
import sys

from netvaerk_lib.log_masking import mask_query_strings


def test_query_strings_are_cut_from_paths():
    line = "404 GET /voila/render/start.ipynb?token=s3cret&x=1 (127.0.0.1) 2.1ms"
    assert mask_query_strings(line) == "404 GET /voila/render/start.ipynb?… (127.0.0.1) 2.1ms"
    assert mask_query_strings('Location "/voila/render/evaluering.ipynb?code=ABC234"') == \
        'Location "/voila/render/evaluering.ipynb?…"'
    assert mask_query_strings("Hvad nu? Prøv igen.") == "Hvad nu? Prøv igen."


def test_a_server_process_logs_refused_requests_without_their_query():
    """As in Voilà: importing netvaerk_lib.serving installs the masking; tornado then logs a 4xx request."""
    script = (
        "import logging, netvaerk_lib.serving\n"
        "logging.basicConfig(format='%(levelname)s %(name)s %(message)s')\n"
        "logging.getLogger('tornado.access').warning('%d %s %.2fms', 403, "
        "'GET /voila/render/start.ipynb?token=s3cret (127.0.0.1)', 1.5)\n"
        "logging.getLogger('Voila').error('render %s', 'http://h/voila/render/evaluering.ipynb?code=ABC234')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "s3cret" not in result.stderr and "ABC234" not in result.stderr
    assert "403 GET /voila/render/start.ipynb?… (127.0.0.1) 1.50ms" in result.stderr
