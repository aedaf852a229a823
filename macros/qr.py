"""QR codes as inline SVG, made at build time without any network access (segno)."""

from __future__ import annotations

from html import escape

import segno

QR_SCALE = 4


def qr_svg(url: str, label: str = "QR-kode med adressen til nettstedet") -> str:
    """An accessible inline SVG QR code for `url`, labelled for screen readers."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=QR_SCALE, dark="#000", light="#fff", svgclass="plan-qr__code")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
