"""The members' server: the evaluation form on a phone, without a kernel.

A small tornado application (the web server Jupyter itself runs on) that answers nothing but the member
page, its assets and a JSON API over the same evaluation functions the Voilà form calls. It holds no state
of its own besides the database (and a soft per-process limit on wrong codes), so several processes can
serve one network behind a proxy. See :mod:`netvaerk_lib.web.app`.
"""
