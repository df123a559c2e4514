"""Browser widgets: each one a Python model (anywidget) beside its ES module and its own CSS."""
