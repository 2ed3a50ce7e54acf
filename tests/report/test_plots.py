"""The report's figures: drawn from evidence alone, labelled, safe on log scales, no pyplot state."""

from __future__ import annotations

import base64
import math

import matplotlib
import pytest

from autograder.report import plots

PNG = b"\x89PNG\r\n\x1a\n"
CASES = [
    {"label": "the worked example", "status": "failed",
     "part_errors": {"dW1": 0.5, "db1": 0.0, "dW2": 1.0, "db2": 1.0}},
    {"label": "random N=5", "status": "passed", "part_errors": {"dW1": 0.0, "db1": 0.0, "dW2": 0.0, "db2": 0.0}},
]
EPS = [{"eps": 1e-6, "reference_error": 1e-10, "student_error": 3e-7},
       {"eps": 1e-4, "reference_error": 0.0, "student_error": 1e-5},
       {"eps": 1e-2, "reference_error": 5e-6}]
LOSSES = {"label": "XOR, 300 epochs", "epochs": 3, "reference": [0.52, 0.50, 0.0], "student": [0.52, 0.9, 0.99]}


def labelled(fig) -> tuple[str, str, str, bool]:
    """Title, axis labels and whether there is a legend (on the axes or the figure)."""
    ax = fig.axes[0]
    return ax.get_title(), ax.get_xlabel(), ax.get_ylabel(), bool(ax.get_legend() or fig.legends)


@pytest.mark.parametrize("build", [
    lambda: plots.part_errors_figure("backprop", CASES, {"rtol": 1e-6, "atol": 1e-7}),
    lambda: plots.eps_curve_figure(EPS),
    lambda: plots.loss_curves_figure(LOSSES),
    lambda: plots.score_histogram_figure([0, 8.5, 17], 17, "ps1"),
], ids=["parts", "eps", "losses", "histogram"])
def test_every_figure_is_labelled(build):
    """Every figure has a title, both axis labels and a legend."""
    title, xlabel, ylabel, legend = labelled(build())
    assert title and xlabel and ylabel and legend


LONG = [{"label": f"random N={i}, D=4, H=3, K=2, a label longer than the legend allows", "status": "failed",
         "part_errors": {"dW1": 10.0 ** -i, "db1": 0.0, "dW2": 1.0, "db2": 1e-12}} for i in range(8)]


@pytest.mark.parametrize("build", [
    lambda: plots.part_errors_figure("backprop", LONG, {"rtol": 1e-6}),
    lambda: plots.part_errors_figure("backprop", CASES[:1]),
    lambda: plots.eps_curve_figure(EPS),
    lambda: plots.loss_curves_figure({**LOSSES, "reference": [0.5, 0.01, 1e-5]}),
    lambda: plots.score_histogram_figure([0, 8.5, 17], 17, "ps1"),
], ids=["parts-8-cases", "parts-1-case", "eps", "losses", "histogram"])
def test_every_label_fits_inside_the_figure_and_the_legend_clears_the_axes(build):
    """The fixed margins hold the title, axis labels, tick labels and legend, with eight cases' legend too;
    a legend below the axes starts under the x axis label."""
    fig = build()
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    boxes = [ax.get_tightbbox(renderer), *(lg.get_window_extent(renderer) for lg in fig.legends)]
    inside = fig.bbox
    for box in boxes:
        assert box.x0 >= inside.x0 - 1 and box.x1 <= inside.x1 + 1 and box.y0 >= inside.y0 - 1 \
            and box.y1 <= inside.y1 + 1, (box, inside)
    for lg in fig.legends:
        assert lg.get_window_extent(renderer).y1 <= ax.xaxis.label.get_window_extent(renderer).y0


def test_log_axes_are_labelled_plainly_without_minor_ticks():
    """Log axes read 1e-06 (no mathtext to typeset) and carry major ticks only."""
    fig = plots.part_errors_figure("backprop", CASES)
    fig.canvas.draw()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert "1e\u221206" in labels and not any("$" in t for t in labels), labels
    assert not ax.yaxis.get_minor_locator()()


def test_part_errors_log_scale_survives_zeros():
    """Errors of exactly 0 are clipped to the floor, the y axis is logarithmic, and the PNG renders."""
    fig = plots.part_errors_figure("backprop", CASES, {"rtol": 1e-6})
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["dW1", "db1", "dW2", "db2"]
    assert ax.get_ylim()[0] >= plots.FLOOR / 2
    assert plots.png_bytes(fig).startswith(PNG)


def test_part_errors_tolerance_line():
    """The tolerance is drawn as a horizontal line at rtol (atol when rtol is 0)."""
    for tol, level in (({"rtol": 1e-6, "atol": 1e-7}, 1e-6), ({"rtol": 0.0, "atol": 1e-4}, 1e-4)):
        ax = plots.part_errors_figure("gradient_check", CASES[:1], tol).axes[0]
        assert any(list(line.get_ydata()) == [level, level] for line in ax.get_lines())


def test_eps_curve_log_log_with_missing_student_points():
    """The eps curve is log–log; a point without the student's error is left out of their curve only."""
    ax = plots.eps_curve_figure(EPS).axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    ref, mine = ax.get_lines()
    assert len(ref.get_xdata()) == 3 and len(mine.get_xdata()) == 2
    assert min(ref.get_ydata()) == plots.FLOOR


def test_loss_curves_without_student():
    """A student's train that gave no losses still shows the reference curve."""
    ax = plots.loss_curves_figure({**LOSSES, "student": None}).axes[0]
    assert len(ax.get_lines()) == 1


def test_loss_curves_log_scale_only_across_decades():
    """The loss axis is logarithmic when the losses span decades, linear otherwise."""
    assert plots.loss_curves_figure(LOSSES).axes[0].get_yscale() == "log"
    flat = {**LOSSES, "reference": [0.52, 0.50, 0.49]}
    assert plots.loss_curves_figure(flat).axes[0].get_yscale() == "linear"


@pytest.mark.parametrize("build", [
    lambda: plots.part_errors_png("f", []),
    lambda: plots.part_errors_png("f", [{"label": "x", "part_errors": {}}]),
    lambda: plots.eps_curve_png([]),
    lambda: plots.loss_curves_png(None),
    lambda: plots.loss_curves_png({"reference": [], "student": None}),
    lambda: plots.score_histogram_png([], 17),
], ids=["no-cases", "no-parts", "no-eps", "no-losses", "empty-losses", "no-scores"])
def test_nothing_to_draw_gives_none(build):
    """Without evidence there is no figure, not an error."""
    assert build() is None


def test_floored():
    """Zeros go to the floor, non-numbers and non-finite values to nan."""
    out = plots.floored([0.0, 1e-3, None, float("inf"), "x"])
    assert out[:2] == [plots.FLOOR, 1e-3]
    assert all(math.isnan(v) for v in out[2:])


def test_data_uri_round_trip():
    """A data URI holds the PNG bytes, base64-encoded."""
    png = plots.eps_curve_png(EPS)
    uri = plots.data_uri(png)
    assert uri.startswith("data:image/png;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == png


def test_no_pyplot_state_and_backend_untouched():
    """Drawing leaves matplotlib's backend as it was and opens no pyplot figure."""
    backend = matplotlib.get_backend()
    plots.loss_curves_png(LOSSES)
    plots.score_histogram_png([1, 2, 3], 3)
    assert matplotlib.get_backend() == backend
    import matplotlib.pyplot as plt

    assert plt.get_fignums() == []


def test_part_errors_of_a_one_part_result_puts_cases_on_the_x_axis():
    """A function with one result (sigmoid_derivative) gets one bar per hidden case."""
    cases = [{"label": f"c{i}", "status": "failed", "part_errors": {"sigmoid_derivative": 0.9}} for i in range(3)]
    ax = plots.part_errors_figure("sigmoid_derivative", cases).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["case 1", "case 2", "case 3"]
    assert ax.get_xlabel() == "hidden case"
