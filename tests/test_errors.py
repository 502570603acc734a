"""Typed errors: each reason a document gets no record is a class with a code and a stage."""

import pickle

import pytest

from extractor.errors import BY_CODE, CorruptDocument, DecodeFailed, EmptyDocument, ExtractorError, TooLarge, error_for
from extractor.ingest import IngestError, ingest
from extractor.pipeline import extract_document


@pytest.mark.parametrize(
    "data,name,cls,code",
    [
        (b"", "a.txt", EmptyDocument, "empty"),
        (b"\xef\xbb\xbf  \n", "a.txt", EmptyDocument, "empty"),
        (b"\x00\x01\x02binary\x00", "a.txt", DecodeFailed, "binary"),
        (b"%PDF-1.7\nnot really", "a.pdf", CorruptDocument, "corrupt"),
    ],
)
def test_readers_raise_the_typed_class_for_each_code(data, name, cls, code):
    with pytest.raises(cls) as info:
        ingest(data, name)
    assert isinstance(info.value, IngestError) and isinstance(info.value, ExtractorError)
    assert info.value.error_type == code


def test_size_limit_is_too_large():
    from extractor.config import ExtractConfig

    with pytest.raises(TooLarge) as info:
        extract_document(b"x" * 100, "a.txt", ExtractConfig(max_bytes=10))
    assert (info.value.code, info.value.stage) == ("too_large", "limits")


@pytest.mark.parametrize("code", sorted(BY_CODE))
def test_errors_pickle_with_class_code_and_stage(code):
    for error in (error_for(code, "why", stage="s"), IngestError(code, "why", stage="s")):
        back = pickle.loads(pickle.dumps(error))
        assert (type(back), back.code, back.stage, str(back)) == (type(error), code, "s", "why")
        assert isinstance(back, BY_CODE[code])
