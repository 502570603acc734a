"""OCR for PDF pages without a text layer: the page is rendered with pypdfium2 and read by
Tesseract (through pytesseract), giving text lines with positions in PDF points, the same shape
as a text page's lines, so paragraphs, bullets, spans and pages come out as for text PDFs.

Tesseract runs single-threaded (OMP_THREAD_LIMIT=1): the same page gives the same words every
time, and the batch's workers do not fight over the cores."""

from __future__ import annotations

import os
import shutil

DPI = 300
INSTALL_HINT = (
    "install Tesseract (Debian/Ubuntu: apt-get install -y tesseract-ocr tesseract-ocr-eng; "
    "then pip install pytesseract) or pass --no-ocr to skip such pages"
)


def available() -> bool:
    """Is Tesseract installed (the binary on PATH, with pytesseract importable)?"""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return True


def has_images(pdf, index: int) -> bool:
    """Does page `index` of a pypdfium2 document hold an image (a scan, where a text layer is missing)?"""
    import pypdfium2.raw as pdfium_c

    page = pdf[index]
    try:
        return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
    finally:
        page.close()


def read_page(pdf, index: int, failures: list[str]) -> tuple[list[dict], float]:
    """(OCR lines, page width) of page `index`; a page Tesseract fails on gives no lines and a
    line in `failures`."""
    import pytesseract

    page = pdf[index]
    try:
        return page_lines(page), page.get_width()
    except (pytesseract.TesseractError, RuntimeError, OSError) as e:
        failures.append(f"page {index + 1}: OCR failed: {' '.join(str(e).split())[:200]}")
        return [], page.get_width()
    finally:
        page.close()


def page_lines(page) -> list[dict]:
    """Text lines of a pdfium page read by OCR: {"text", "x0", "x1", "top", "bottom"} in points."""
    import pytesseract

    scale = DPI / 72
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = bitmap.to_pil()
    finally:
        bitmap.close()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pytesseract.image_to_data(image, lang="eng", config="--psm 3", output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], dict] = {}
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        if not word or float(data["conf"][i]) < 0:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        left, top = data["left"][i] / scale, data["top"][i] / scale
        right, bottom = left + data["width"][i] / scale, top + data["height"][i] / scale
        ln = lines.get(key)
        if ln is None:
            lines[key] = {"words": [word], "x0": left, "x1": right, "top": top, "bottom": bottom}
        else:
            ln["words"].append(word)
            ln["x0"], ln["x1"] = min(ln["x0"], left), max(ln["x1"], right)
            ln["top"], ln["bottom"] = min(ln["top"], top), max(ln["bottom"], bottom)
    out = [{"text": " ".join(ln.pop("words")), **ln} for ln in lines.values()]
    out.sort(key=lambda ln: (round(ln["top"]), ln["x0"]))
    return out
