"""Models trained from a genome that scan: random crops, the genome defaults, shift and
track checks, and the record of where a model came from (leak and shift warnings)."""

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import ConvergenceWarning

from skmotif import ConvMotifClassifier, load, save
from skmotif._alphabet import Alphabet
from skmotif._codec import encode
from skmotif._network.train import make_dataset
from skmotif.encoding import EncodedInput
from skmotif.genome import (
    ChromosomeSplit,
    Genome,
    GenomeLeakWarning,
    ShiftWarning,
    background_regions,
    extract,
    genome_params,
    scan,
    shift_robustness,
    track_at_peaks,
)
from skmotif.genome._evaluate import scan_positions
from skmotif.genome._provenance import record

LENGTHS = {"chr1": 120000, "chr2": 80000, "chr3": 60000}
DNA = Alphabet("ACGT")
SMALL = dict(learning_rate=0.01, epochs=25, random_state=0)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """make_motif_genome: a 12-mer every ~1,500 positions; chr3 is held out."""
    from skmotif.datasets import make_motif_genome

    made = make_motif_genome(
        tmp_path_factory.mktemp("genome"),
        LENGTHS,
        motif="TGACTCAGGCAT",
        spacing=1500,
        signal=False,
        random_state=1,
    )
    return made


def _data(made, flank):
    genome = Genome(made["genome"])
    X_pos, peaks = extract(genome, made["peaks"], width=100, flank=flank)
    X_neg, background = background_regions(
        genome, made["peaks"], kind="gc", width=100 + 2 * flank, random_state=0
    )
    X = np.concatenate([X_pos, X_neg])
    y = np.repeat(["peaks", "background"], [len(X_pos), len(X_neg)])
    table = pd.concat([peaks, background], ignore_index=True)
    train, _, test = ChromosomeSplit(test=["chr3"], chromosomes=table.chrom).split3()
    return genome, X, y, table, train, test


def test_central_windows_by_hand():
    alphabet_codes = encode(["ACGTACGTAC", "ACG", "TTTTTTTTTTTT"], DNA)
    central = EncodedInput(alphabet_codes, DNA).central(4)
    # 10 known positions: from (10 - 4) // 2 = 3; 3 positions: padded; 12: from 4
    assert central.values.tolist() == [[3, 0, 1, 2], [0, 1, 2, 4], [3, 3, 3, 3]]
    assert EncodedInput(alphabet_codes, DNA).central(14).length == 14


def test_random_crops_draw_windows_within_each_sequence_anew_every_epoch():
    rng = np.random.default_rng(0)
    strings = ["".join(rng.choice(list("ACGT"), 30)) for _ in range(64)]
    codes = EncodedInput(encode(strings, DNA), DNA)
    data = make_dataset(codes, np.zeros((64, 1), np.float32), None, 64, seed=0, crop_length=20)
    epochs = []
    for _ in range(2):
        windows = next(iter(data))[0].numpy().argmax(-1)
        assert windows.shape == (64, 20)
        texts = ["".join("ACGT"[i] for i in row) for row in windows]
        epochs.append({i: s.find(t) for t in texts for i, s in enumerate(strings) if t in s})
    assert all(len(offsets) == 64 for offsets in epochs)  # every window is in its sequence
    assert all(0 <= o <= 10 for offsets in epochs for o in offsets.values())
    assert len(set(epochs[0].values())) > 5  # offsets vary between sequences
    assert sum(epochs[0][i] != epochs[1][i] for i in range(64)) > 32  # and between epochs


def test_random_crop_fits_the_central_width_and_predicts_from_the_centre(motif_data):
    X, y, X_test, _ = motif_data
    flanked = ["AC" + s + "GT" for s in X]  # 2 more positions each side
    clf = ConvMotifClassifier(
        random_crop=2, conv_num=1, kernel_num=4, kernel_len=7, pool_size="global",
        dense_num=0, epochs=2, random_state=0,
    ).fit(flanked, y)  # fmt: skip
    assert clf.input_shape_ == (40, 4)
    wide = clf.predict_proba(["AC" + s + "GT" for s in X_test])
    np.testing.assert_allclose(wide, clf.predict_proba(X_test), rtol=1e-6)
    with pytest.raises(ValueError, match="more than the 44 the model was fit on"):
        clf.predict_proba(["A" * 45])
    with pytest.raises(ValueError, match="random_crop=30 crops sequences of 44 positions"):
        ConvMotifClassifier(random_crop=30).fit(flanked, y)
    with pytest.raises(ValueError, match="random_crop crops sequences; this input is numeric"):
        ConvMotifClassifier(random_crop=1).fit(np.zeros((4, 10, 4)), [0, 1, 0, 1])


def test_genome_params_size_the_network_and_crop_from_the_scan_step():
    assert genome_params(300)["kernel_num"] == (32, 32)
    assert genome_params(3999)["kernel_num"] == (32, 32)
    assert genome_params(4000)["kernel_num"] == (64, 64)
    assert genome_params(100000)["kernel_num"] == (64, 64)
    params = genome_params(1000, width=200, step=50)
    assert params["pool_size"] == (2, "global") and params["random_crop"] == 50
    assert genome_params(1000, width=100, step=50)["random_crop"] == 25  # a quarter of 100
    assert genome_params(1000, width=200, step=20)["random_crop"] == 20
    ConvMotifClassifier(**params)._validate_params()


def test_scan_positions_are_the_windows_that_score_them():
    # Windows start at k * step; window k scores [k step + width // 2 - step // 2, + step).
    step, width = 50, 200
    positions = np.array([75, 124, 125, 126, 1000, 1049])
    starts = scan_positions(step, width, positions)
    low = starts + width // 2 - step // 2
    assert np.all((low <= positions) & (positions < low + step))
    assert starts.tolist() == [0, 0, 50, 50, 900, 950]


def test_centred_training_misses_shifted_sites_and_random_crops_do_not(planted):
    genome, X, y, table, train, test = _data(planted, flank=0)
    centred = ConvMotifClassifier(
        conv_num=1, kernel_num=8, kernel_len=12, pool_size=4, pool_stride=4, dense_num=1,
        neuron_num=16, **SMALL,
    ).fit(X[train], y[train])  # fmt: skip
    # Windows of 100 at step 26: sites stay in view at every offset (13 and 26 each way).
    shifted = shift_robustness(centred, genome, table.iloc[test], y[test], step=26)
    assert sorted(shifted) == [-26, -13, 0, 13, 26]
    assert shifted[0] > 0.95 and min(shifted.values()) < shifted[0] - 0.05

    genome, X, y, table, train, test = _data(planted, flank=25)
    params = {**genome_params(len(train), width=100, step=26), **SMALL}
    assert params["random_crop"] == 25
    cropped = ConvMotifClassifier(**params).fit(X[train], y[train])
    robust = shift_robustness(cropped, genome, table.iloc[test], y[test], step=26)
    assert min(robust.values()) > robust[0] - 0.05 and robust[0] > 0.95
    tracks = [
        track_at_peaks(m, genome, planted["peaks"], ["chr3"], 26) for m in (centred, cropped)
    ]
    assert tracks[1]["auroc"] >= 0.95 and tracks[1]["auroc"] > tracks[0]["auroc"]
    assert tracks[1]["peaks"] == (planted["sites"].chrom == "chr3").sum()
    assert tracks[1]["background"] == 5 * tracks[1]["peaks"]


def test_a_recorded_genome_warns_on_seen_chromosomes_and_shifts(tmp_path, planted, fast_model):
    model = load(save(fast_model, tmp_path / "plain"))  # a copy, without genome_
    genome = Genome(planted["genome"])
    parts = {"train": ["chr1"], "validation": ["chr2"], "test": ["chr3"]}
    model.genome_ = record(genome, parts, 50, {-50: 0.6, 0: 0.99, 50: 0.98}, "auROC")
    again = load(save(model, tmp_path / "model"))
    assert again.genome_ == json.loads(json.dumps(model.genome_))
    regions = pd.DataFrame(
        {"chrom": ["chr1", "chr1", "chr2", "chr3"], "start": [0, 1000, 0, 0]}
    ).assign(end=lambda t: t.start + 400)
    with (
        pytest.warns(ShiftWarning, match=r"falls from 0\.990 .* to 0\.600 with windows moved -50"),
        pytest.warns(GenomeLeakWarning) as caught,
    ):
        scan(again, genome, tmp_path / "t.bedGraph", regions=regions, step=50)
    (message,) = [str(w.message) for w in caught if w.category is GenomeLeakWarning]
    assert "Of 4 scanned regions, 2 on its train chromosomes (chr1 2)" in message
    assert "1 on its validation chromosomes (chr2 1)" in message and "(chr3)" in message
    model.genome_["shift"] = {"-50": 0.97, "0": 0.99, "50": 0.98}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scan(model, genome, tmp_path / "t.bedGraph", regions=regions.iloc[3:], step=50)
    other = Genome(_renamed_copy(planted["genome"], tmp_path))
    with pytest.warns(GenomeLeakWarning, match="is not the genome the model was trained on"):
        scan(model, other, tmp_path / "t.bedGraph", regions=regions.iloc[3:], step=50)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(["ACGT" * 10] * 4, [0, 1, 0, 1])
    assert not hasattr(model, "genome_")  # a new fit is not the genome's model


def _renamed_copy(fasta, folder):
    """The genome with chr3 shortened: another assembly."""
    with open(fasta) as file:
        text = file.read().split(">chr3\n")
    out = folder / "other.fa"
    out.write_text(text[0] + ">chr3\n" + text[1][:-200] + "\n")
    return out


def test_the_not_learned_warning_suggests_only_what_the_fit_did_not_use(motif_data):
    X, y, _, _ = motif_data
    noise = np.random.default_rng(0).permutation(y)
    clf = ConvMotifClassifier(
        conv_num=1, kernel_num=4, kernel_len=7, pool_size="global", dense_num=0, epochs=3,
        learning_rate=0.003, random_state=0,
    )  # fmt: skip
    with pytest.warns(ConvergenceWarning) as caught:
        clf.fit(X, noise)
    (message,) = [str(w.message) for w in caught if w.category is ConvergenceWarning]
    assert "this fit used 0.003; e.g. 0.001 or 0.009" in message
    assert "pool_size='global'" not in message and "fewer or shorter kernels" not in message
    best, baseline = (float(v) for v in _numbers_in(message))
    assert ("is not clearly below" in message) == (best >= 0.99 * baseline)


def _numbers_in(message):
    """The best loss and the baseline's, in the order the warning gives them."""
    import re

    found = re.findall(r"\((\d+\.\d{4})", message)
    return found[0], found[-1]


def test_python_users_record_the_genome_as_the_command_line_does(tmp_path, planted):
    from skmotif.genome import record_genome

    genome, X, y, table, train, test = _data(planted, flank=25)
    params = {**genome_params(len(train), width=100, step=26), **SMALL}
    model = ConvMotifClassifier(**params).fit(X[train], y[train])
    parts = (train, np.array([], int), test)
    origin = record_genome(model, genome, table, y, parts, step=26)
    assert origin is model.genome_ and origin["chromosomes"]["test"] == ["chr3"]
    assert origin["chromosomes"]["train"] == ["chr1", "chr2"]
    assert sorted(int(k) for k in origin["shift"]) == [-26, -13, 0, 13, 26]
    assert origin["genome"]["lengths"] == dict(genome.lengths)
    again = load(save(model, tmp_path / "model"))
    with pytest.warns(GenomeLeakWarning, match="train chromosomes"):
        scan(again, genome, tmp_path / "t.bedGraph", step=500)
