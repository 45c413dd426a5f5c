import re

from django import template

register = template.Library()


@register.filter
def tel(number: str) -> str:
    """ "0711 22 921-34" → "+497112292134", for tel: links (German numbers)."""
    digits = re.sub(r"[^\d+]", "", number)
    if digits.startswith("00"):
        return f"+{digits[2:]}"
    if digits.startswith("0"):
        return f"+49{digits[1:]}"
    return digits


@register.filter
def vcard(value) -> str:
    """Escape a text value for a vCard line (RFC 6350, 3.4)."""
    text = str(value or "")
    for char, escaped in [
        ("\\", "\\\\"),
        (",", "\\,"),
        (";", "\\;"),
        ("\r\n", "\\n"),
        ("\n", "\\n"),
    ]:
        text = text.replace(char, escaped)
    return text
