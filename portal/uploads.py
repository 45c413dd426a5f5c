"""Checks and facts about uploaded files: the kind is read from the content, never the name."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.formats import number_format
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
MAX_IMAGE_BYTES = 15 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_SIZES = {"gross": 1600, "klein": 480}

# Office formats are ZIP containers; the member that tells them apart.
_ZIP_KINDS = {
    "word/document.xml": "DOCX",
    "xl/workbook.xml": "XLSX",
    "ppt/presentation.xml": "PPTX",
}
_ODF_KINDS = {
    b"application/vnd.oasis.opendocument.text": "ODT",
    b"application/vnd.oasis.opendocument.spreadsheet": "ODS",
    b"application/vnd.oasis.opendocument.presentation": "ODP",
}


def sniff_kind(file) -> str | None:
    """Return the file's kind ("PDF", "DOCX", "PNG" …) judged by its bytes, or None."""
    file.seek(0)
    head = file.read(64)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "PDF"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    return _ODF_KINDS.get(archive.read("mimetype").strip())
                return next((kind for member, kind in _ZIP_KINDS.items() if member in names), None)
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            file.seek(0)
    return None


def validate_document(file, allowed: tuple[str, ...] = ("PDF",)) -> str:
    """Raise a German ValidationError unless the file is one of the allowed kinds."""
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            "Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s.",
            code="file_too_large",
            params={"size": format_size(file.size), "max": format_size(MAX_DOCUMENT_BYTES)},
        )
    kind = sniff_kind(file)
    if kind not in allowed:
        raise ValidationError(
            "Diese Datei ist kein %(allowed)s-Dokument. Bitte laden Sie eine Datei in einem "
            "dieser Formate hoch: %(allowed)s.",
            code="file_kind",
            params={"allowed": ", ".join(allowed)},
        )
    return kind


def validate_pdf(file) -> None:
    validate_document(file, ("PDF",))


def validate_office_document(file) -> None:
    validate_document(file, ("PDF", "DOCX", "XLSX", "PPTX", "ODT", "ODS", "ODP"))


def validate_image(file) -> None:
    """Accept JPEG, PNG and WebP photos of reasonable size; anything else gets a German message."""
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            "Das Bild ist %(size)s groß; erlaubt sind höchstens %(max)s.",
            code="image_too_large",
            params={"size": format_size(file.size), "max": format_size(MAX_IMAGE_BYTES)},
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            width, height = image.size
            kind = image.format
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    "Das Bild hat %(width)s × %(height)s Pixel; erlaubt sind höchstens "
                    "40 Megapixel. Bitte verkleinern Sie es vor dem Hochladen.",
                    code="image_too_many_pixels",
                    params={"width": width, "height": height},
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
        raise ValidationError(
            "Diese Datei ist kein lesbares Bild. Bitte laden Sie ein Foto als JPEG, PNG oder "
            "WebP hoch.",
            code="image_invalid",
        ) from None
    finally:
        file.seek(0)
    if kind not in {"JPEG", "PNG", "WEBP"}:
        raise ValidationError(
            "Bilder im Format %(kind)s werden nicht angenommen. Bitte laden Sie JPEG, PNG oder "
            "WebP hoch.",
            code="image_kind",
            params={"kind": kind},
        )


def image_renditions(file) -> dict[str, ContentFile]:
    """Re-encode an image as JPEG in each of IMAGE_SIZES, upright and without metadata (EXIF,
    GPS position, camera serial numbers are dropped because only pixels are copied)."""
    file.seek(0)
    with Image.open(file) as original:
        upright = ImageOps.exif_transpose(original)
        if upright.mode in ("RGBA", "LA", "P"):
            upright = upright.convert("RGBA")
            background = Image.new("RGB", upright.size, (255, 255, 255))
            background.paste(upright, mask=upright.getchannel("A"))
            upright = background
        else:
            upright = upright.convert("RGB")
        renditions = {}
        for name, edge in IMAGE_SIZES.items():
            copy = upright.copy()
            copy.thumbnail((edge, edge), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            copy.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
            renditions[name] = ContentFile(buffer.getvalue())
    file.seek(0)
    return renditions


def format_size(size: int) -> str:
    """3.984.588 → "3,8 MB"; 122.880 → "120 KB" (German decimal comma, 1 KB = 1024 bytes)."""
    if size < 1024:
        return f"{size} Byte"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{number_format(round(size / (1024 * 1024), 1), 1, use_l10n=True)} MB"


def is_fresh_upload(field_file) -> bool:
    """True when a FileField holds a file assigned since loading (an upload) and not yet stored."""
    return bool(field_file) and not field_file._committed
