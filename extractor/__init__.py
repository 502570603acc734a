"""extractor: deal announcements (fact sheets, articles) in, structured JSON records out."""

__version__ = "0.1.0"
