"""FASTA reading: formats, line endings and errors that name file and line."""

import gzip

import pytest

from skmotif.io import read_fasta

RECORDS = ">seq1 first\nACGT\nacgt\n>seq2\nNNAC\n"


def test_plain_multiline_lowercase(tmp_path):
    path = tmp_path / "a.fa"
    path.write_text(RECORDS)
    assert read_fasta(path) == (["seq1 first", "seq2"], ["ACGTACGT", "NNAC"])


def test_gzip_detected_from_content_and_windows_line_endings(tmp_path):
    path = tmp_path / "no_gz_suffix.fa"
    path.write_bytes(gzip.compress(RECORDS.replace("\n", "\r\n").encode()))
    assert read_fasta(path) == (["seq1 first", "seq2"], ["ACGTACGT", "NNAC"])


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"ACGT\n>s\nAC\n", r"line 1: sequence before the first '>' header"),
        (b">s1\n>s2\nAC\n", r"line 1: record 's1' has no sequence"),
        (b">s1\nAC\n>s2\n", r"line 3: record 's2' has no sequence"),
        (b">s1\nAC\xff\xfe\n", r"not a text FASTA file"),
    ],
)
def test_malformed_files_name_file_and_line(tmp_path, content, match):
    path = tmp_path / "bad.fa"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=f"bad.fa, {match}" if "line" in match else match):
        read_fasta(path)
