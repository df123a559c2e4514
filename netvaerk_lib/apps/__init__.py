"""The Voilà apps. Each module holds one app class built on :class:`netvaerk_lib.ui.App`."""
