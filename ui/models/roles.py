"""Item-data roles shared by the table models beyond Qt's own."""

from __future__ import annotations

from PySide6.QtCore import Qt

ID_ROLE = Qt.ItemDataRole.UserRole  # the row's record id (int)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a value that sorts the column sensibly
