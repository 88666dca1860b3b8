"""Immutable records for the search path, without the dataclasses module.

`zzdesk search` runs at the speed of Python's start-up, and importing dataclasses (which loads
inspect, ast, dis and tokenize) would cost it about as much again as the search itself.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself would cost the search command's start-up a few ms
if TYPE_CHECKING:
    from typing import Self


class Value:
    """Fields named by `__slots__`, set once in `__init__` (with `_set`); equal when the fields are."""

    __slots__: tuple[str, ...] = ()

    def _set(self, **fields: object) -> None:
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def replace(self, **changes: object) -> Self:
        """A copy with *changes* (what dataclasses.replace does for a dataclass)."""
        fields: dict[str, object] = {name: getattr(self, name) for name in self.__slots__}
        return type(self)(**(fields | changes))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} 不可修改")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({inner})"
