"""Qt-free heart of zzdesk: data model, queries, parsing and rules.

Nothing under this package may import PySide6, shiboken6 or pyqtgraph; the
command line, the exporters and the tests rely on that.
"""
