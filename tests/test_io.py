"""FASTA reading: formats, line endings and errors that name file and line."""

import gzip

import pytest

from skmotif.io import (
    load_fasta_classes,
    load_fasta_multilabel,
    read_fasta,
    read_positionwise,
)

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


def test_load_fasta_classes_labels_by_file(tmp_path):
    (tmp_path / "neg.fa").write_text(">a\nAC\n>b\nGT\n")
    (tmp_path / "pos.fa").write_text(">c\nAAA\n")
    X, y = load_fasta_classes([tmp_path / "neg.fa", tmp_path / "pos.fa"])
    assert X.tolist() == ["AC", "GT", "AAA"] and y.tolist() == [0, 0, 1]


def test_load_fasta_classes_with_structure_lines(tmp_path):
    (tmp_path / "s.fa").write_text(">r1\nacgu\n(..) (-1.20)\n>r2\nGGGG\n....\n")
    X, y = load_fasta_classes([tmp_path / "s.fa"], structure=True)
    # Dot-bracket (RNAfold output) becomes structural elements.
    assert X.tolist() == [["ACGU", "SHHS"], ["GGGG", "EEEE"]] and y.tolist() == [0, 0]
    (tmp_path / "bad.fa").write_text(">r1\nACGU\n(((.)))\n")
    with pytest.raises(ValueError, match="record 'r1' has a sequence of 4 and a structure of 7"):
        load_fasta_classes([tmp_path / "bad.fa"], structure=True)
    (tmp_path / "one.fa").write_text(">r1\nACGU\n")
    with pytest.raises(ValueError, match="line 1: record 'r1' has 1 lines"):
        load_fasta_classes([tmp_path / "one.fa"], structure=True)


def test_fasta_records_stream_for_the_command_line(tmp_path):
    from skmotif.io import _iter_fasta

    path = tmp_path / "a.fa"
    path.write_text(RECORDS)
    records = _iter_fasta(path)
    assert next(records) == ("seq1 first", "ACGTACGT")
    assert list(records) == [("seq2", "NNAC")]


def test_multilabel_headers(tmp_path):
    path = tmp_path / "m.fa"
    path.write_text(">0,2\nAC\n>site7|1 chr1\nGT\n")
    X, Y = load_fasta_multilabel(path)
    assert X.tolist() == ["AC", "GT"] and Y.tolist() == [[1, 0, 1], [0, 1, 0]]
    assert load_fasta_multilabel(path, n_labels=4)[1].shape == (2, 4)
    path.write_text(">name\nAC\n")
    with pytest.raises(ValueError, match="line 1: header 'name' does not end in label indices"):
        load_fasta_multilabel(path)


def test_positionwise_tracks(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("1 2 3\n4,5,6\n\n")
    tracks = read_positionwise(path)
    assert [t.tolist() for t in tracks] == [[1, 2, 3], [4, 5, 6]]
    path.write_text("1 2 x\n")
    with pytest.raises(ValueError, match="line 1: not a line of numbers"):
        read_positionwise(path)
