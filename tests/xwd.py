"""Read an X window dump (xwd -root) into a QImage, for screenshots of a real X session."""

from __future__ import annotations

import struct

from PySide6.QtGui import QImage


def xwd_to_image(data: bytes) -> QImage:
    fields = struct.unpack(">25I", data[:100])
    header_size, _version, pixmap_format, _depth, width, height = fields[:6]
    byte_order, bits_per_pixel, bytes_per_line, ncolors = fields[7], fields[11], fields[12], fields[19]
    if pixmap_format != 2 or bits_per_pixel != 32 or byte_order != 0:
        raise ValueError(f"unsupported dump: format {pixmap_format}, {bits_per_pixel} bpp, order {byte_order}")
    start = header_size + ncolors * 12
    pixels = data[start:start + bytes_per_line * height]
    return QImage(pixels, width, height, bytes_per_line, QImage.Format.Format_RGB32).copy()
