"""Colours and the stylesheet: a quiet palette that survives black-and-white printing."""

from __future__ import annotations

RESULT_COLOR = "#1f4e79"   # dark blue, solid fill: results (实绩)
TARGET_COLOR = "#c0504d"   # brick red, hatched fill: targets (目标)
EXPECTED_COLOR = "#6f8fb0" # lighter blue for 预计 values
HIGHLIGHT = "#ffe08a"      # marked text; prints as light grey
FOCUS = "#f4a62a"          # the one figure being looked at
FIND_MATCH = "#bfe5cc"     # find in page: every match, green so it never passes for a figure's yellow
FIND_CURRENT = "#2e7d4f"   # find in page: the match Enter / F3 went to, dark green under white text
ACCENT = "#b22222"         # the red of 简报 mastheads
MUTED = "#666666"

STYLESHEET = f"""
QListWidget#nav {{ border: none; background: #f4f5f7; font-size: 15px; padding-top: 6px; }}
QListWidget#nav::item {{ padding: 7px 14px; }}
QListWidget#nav::item:selected {{ background: #dfe6ee; color: #102a43; border-left: 3px solid {ACCENT}; }}
QLabel#pageTitle {{ font-size: 22px; font-weight: bold; color: #102a43; }}
QLabel#pageSubtitle {{ color: {MUTED}; }}
QFrame#card {{ background: white; border: 1px solid #d9dee5; border-radius: 6px; }}
QFrame#card[selected="true"] {{ border: 2px solid {RESULT_COLOR}; }}
QLabel#cardTitle {{ font-weight: bold; color: #243b53; }}
QLabel#cardValue {{ font-size: 18px; color: #102a43; }}
QLabel#cardNote {{ color: {MUTED}; }}
QLabel#sourceLine {{ color: {MUTED}; font-size: 12px; }}
QFrame#searchResults {{ background: white; border: 1px solid #b8c2cc; }}
QLineEdit#globalSearch {{ padding: 4px 8px; min-width: 320px; }}
"""
