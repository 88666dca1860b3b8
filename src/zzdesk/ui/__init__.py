"""The desktop application (PySide6 + pyqtgraph).

pyqtgraph uses whichever Qt binding is already loaded; loading PySide6 here,
before any module of this package, makes that choice once for all of them.
"""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import PySide6.QtCore  # noqa: F401  (must precede pyqtgraph)
