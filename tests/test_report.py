"""Performance report numbers by hand; ROC and precision-recall plots."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from skmotif.plotting import plot_performance
from skmotif.report import performance_report


def test_binary_report_by_hand():
    p1 = np.array([0.1, 0.6, 0.4, 0.9])
    table = performance_report([0, 0, 1, 1], np.column_stack([1 - p1, p1]), [0, 1])
    assert list(table.index) == ["0", "1", "weighted avg"]
    # Class 1: predicted [0, 1, 0, 1]: one of two right, one of two found.
    assert table.loc["1", ["precision", "recall", "f1"]].tolist() == [0.5, 0.5, 0.5]
    assert table.loc["1", "auROC"] == pytest.approx(0.75)  # 3 of 4 positive-negative pairs
    assert table.loc["1", "auPRC"] == pytest.approx(0.5 * 1 + 0.5 * 2 / 3)
    assert table.loc["0", "auROC"] == pytest.approx(0.75)
    assert table.loc["weighted avg", "n"] == 4 and table.loc["1", "n"] == 2
    assert "weighted avg" in table.to_string()


def test_multiclass_uses_the_most_probable_class():
    proba = np.array([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5], [0.1, 0.8, 0.1], [0.4, 0.35, 0.25]])
    table = performance_report(["a", "c", "b", "b"], proba, ["a", "b", "c"])
    # Predicted a, c, b, a: class a precision 1/2 recall 1; b precision 1 recall 1/2.
    assert table.loc["a", ["precision", "recall"]].tolist() == [0.5, 1.0]
    assert table.loc["b", ["precision", "recall"]].tolist() == [1.0, 0.5]
    assert table.loc["weighted avg", "recall"] == pytest.approx((1 * 1 + 0.5 * 2 + 1 * 1) / 4)


def test_multilabel_thresholds_each_label_at_one_half():
    truth = np.array([[1, 0], [1, 1], [0, 1]])
    proba = np.array([[0.9, 0.2], [0.6, 0.7], [0.3, 0.4]])
    table = performance_report(truth, proba, [0, 1])
    assert table.loc["0", ["precision", "recall"]].tolist() == [1.0, 1.0]
    assert table.loc["1", ["precision", "recall"]].tolist() == [1.0, 0.5]
    assert table.loc["1", "f1"] == pytest.approx(2 / 3)
    assert np.isnan(performance_report([[1, 0], [1, 1]], proba[:2], [0, 1]).loc["0", "auROC"])


def test_bad_report_input():
    with pytest.raises(ValueError, match="not in classes"):
        performance_report([0, 2], np.ones((2, 2)) / 2, [0, 1])
    with pytest.raises(ValueError, match="y_proba has shape"):
        performance_report([0, 1], np.ones((2, 3)) / 3, [0, 1])


def test_curves_have_one_line_per_class_with_the_area():
    p1 = np.array([0.1, 0.6, 0.4, 0.9])
    proba = np.column_stack([1 - p1, p1])
    y = ["neg", "neg", "pos", "pos"]
    roc, pr = plot_performance(y, proba, ["neg", "pos"]).axes
    labels = [t.get_text() for t in roc.get_legend().get_texts()]
    assert labels == ["neg (auROC 0.750)", "pos (auROC 0.750)"]
    assert pr.get_legend().get_texts()[1].get_text() == "pos (auPRC 0.833)"
    assert (roc.get_title(), pr.get_title()) == ("ROC", "Precision-recall")
    plt.close("all")


def test_the_regression_figure_has_one_panel_per_output_with_its_scores():
    truth = np.array([[1.0, 0.0], [2.0, np.nan], [3.0, 1.0], [4.0, 2.0]])
    pred = np.array([[1.0, 0.5], [2.0, 9.0], [3.0, 1.0], [4.0, 1.5]])
    fig = plot_performance(truth, pred, ["activity", "signal"], task="regression")
    first, second = fig.axes
    assert first.get_title() == "R² = 1.000, r = 1.000 (n = 4)"
    assert first.get_xlabel() == "measured activity" and second.get_ylabel() == "predicted signal"
    table = performance_report(truth, pred, ["activity", "signal"], task="regression")
    assert second.get_title() == (
        f"R² = {table.loc['signal', 'R2']:.3f}, r = {table.loc['signal', 'pearson']:.3f} (n = 3)"
    )
    with pytest.raises(ValueError, match="task must be 'classification' or 'regression'"):
        plot_performance(truth, pred, task="ranking")
    plt.close("all")
