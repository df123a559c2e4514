"""Member evaluation: one-time codes, anonymous answers, results.

Import the submodules directly (``evaluation.codes``, ``evaluation.submission``, ``evaluation.sessions``,
``evaluation.results``, ``evaluation.charts``): the member form loads only what it needs, so this package
imports nothing on its own.
"""
