"""The Keras door: TensorFlow's start-up INFO noise is dropped, real warnings are kept."""

import os
import subprocess
import sys

from skmotif._network.keras_setup import _filtered_stderr, _is_noise

INFO = b"I0000 00:00:1795627634.370013    2179 port.cc:153] oneDNN custom operations are on.\n"
REAL = b"W0000 00:00:1795627634.4 some_op.cc:1] real warning\n"


def test_info_lines_are_noise_warnings_are_not():
    assert _is_noise(INFO)
    assert _is_noise(b"WARNING: All log messages before absl::InitializeLog() is called...\n")
    assert _is_noise(b"To enable the following instructions: AVX2 FMA, in other operations\n")
    assert not _is_noise(REAL)
    assert not _is_noise(b"E0000 00:00:1.0 op.cc:1] out of memory\n")


def test_filter_replays_only_real_lines(capfd):
    with _filtered_stderr():
        os.write(2, INFO + REAL)
    err = capfd.readouterr().err
    assert "real warning" in err
    assert "oneDNN" not in err


def test_training_in_a_fresh_process_prints_no_tensorflow_noise():
    code = (
        "from skmotif import ConvMotifClassifier\n"
        "X = ['ACGTAC', 'TTTTAA'] * 5; y = [0, 1] * 5\n"
        "ConvMotifClassifier(conv_num=1, kernel_len=2, epochs=1, validation_fraction=0)"
        ".fit(X, y).predict(X)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert "I0000" not in result.stderr
    assert "absl::InitializeLog" not in result.stderr


def test_tensorflow_threads_follow_omp_num_threads():
    code = (
        "from skmotif._network.keras_setup import import_keras; import_keras(); "
        "import tensorflow as tf; "
        "print(tf.config.threading.get_intra_op_parallelism_threads(), "
        "tf.config.threading.get_inter_op_parallelism_threads())"
    )
    for setting, expected in (("1", "1 1"), (None, "0 0")):
        env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
        if setting:
            env["OMP_NUM_THREADS"] = setting
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        assert out.stdout.strip() == expected


def test_many_networks_in_one_session_give_no_retracing_warning(caplog, capfd):
    """Each network traces its own functions; TensorFlow calls that retracing and warns."""
    import logging

    import numpy as np

    from skmotif import ConvMotifRegressor

    rng = np.random.default_rng(0)
    with caplog.at_level(logging.WARNING):
        for length in (20, 24, 28, 32, 36, 40, 44):
            X = ["".join(rng.choice(list("ACGT"), length)) for _ in range(40)]
            reg = ConvMotifRegressor(kernel_num=4, epochs=1, random_state=0)
            reg.fit(X, rng.normal(size=40)).predict(X[:3])
    said = caplog.text + capfd.readouterr().err
    assert "retracing" not in said
